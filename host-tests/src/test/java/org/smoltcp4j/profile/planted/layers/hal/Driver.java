package org.smoltcp4j.profile.planted.layers.hal;

/** Stands for a hal class (a module above the stack). */
public class Driver {
    public static int transmit() {
        return 0;
    }
}
