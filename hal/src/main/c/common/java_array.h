/* Checks a Java (offset, length) slice against the real length of the array the VM passed. */
#ifndef SMOLTCP4J_JAVA_ARRAY_H
#define SMOLTCP4J_JAVA_ARRAY_H

#include "sni.h"

/* 1 when array[offset .. offset+length) lies inside the array and length >= 0, else 0. */
static inline int java_slice_valid(jbyte *array, jint offset, jint length)
{
    if (array == 0 || offset < 0 || length < 0) {
        return 0;
    }
    return length <= SNI_getArrayLength(array) - offset;
}

#endif
