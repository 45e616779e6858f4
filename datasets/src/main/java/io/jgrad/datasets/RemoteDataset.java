package io.jgrad.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset known by its file names: where it may already be on disk, the mirrors to download it
 * from, and the MD5 of each file as the mirrors serve it.
 */
public record RemoteDataset(String name, Map<String, String> md5ByFile, List<URI> mirrors, List<Path> systemDirs) {

    public static final RemoteDataset MNIST = new RemoteDataset("mnist", Map.of(
            "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of());

    public static final RemoteDataset FASHION_MNIST = new RemoteDataset("fashion-mnist", Map.of(
            "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
            List.of(Path.of("/usr/share/datasets/fashion-mnist")));

    public static final RemoteDataset SVHN = new RemoteDataset("svhn", Map.of(
            "train_32x32.mat", "e26dedcc434d2e4c54c9b2d4a06d8373",
            "test_32x32.mat", "eb5a983be6a315427106f1b164d9cef3"),
            List.of(URI.create("http://ufldl.stanford.edu/housenumbers/")),
            List.of());

    /** A copy with other mirrors (tests point it at a server on loopback). */
    public RemoteDataset withMirrors(List<URI> newMirrors) {
        return new RemoteDataset(name, md5ByFile, newMirrors, systemDirs);
    }
}
