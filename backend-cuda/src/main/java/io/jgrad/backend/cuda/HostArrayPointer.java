package io.jgrad.backend.cuda;

import jcuda.Pointer;

/**
 * The JCuda {@link Pointer} to the int array last given, made again only when the array changes:
 * callers that hand the backend the same array every step (the trainer's batch indices, a buffer of
 * predictions) then cost no Pointer per copy. Not thread-safe: used under the backend's lock.
 */
final class HostArrayPointer {
    private int[] array;
    private Pointer pointer;

    Pointer of(int[] a) {
        if (a != array) {
            array = a;
            pointer = Pointer.to(a);
        }
        return pointer;
    }
}
