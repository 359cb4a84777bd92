package org.smoltcp4j.profile.planted.layers.misc;

/** Planted: a class in a package the layering table does not declare. */
public class Unlisted {
}
