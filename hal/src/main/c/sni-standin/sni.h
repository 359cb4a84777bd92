/*
 * STAND-IN for MicroEJ's sni.h (Simple Native Interface 1.4), written for this project.
 *
 * The real header ships with the MicroEJ VEE Port and is the one a board build must use: put the
 * VEE Port's include folder before this one (or instead of it). This stand-in declares only what
 * the smoltcp4j glue uses, with the same types and signatures, so that the host unit tests and
 * the cross builds of the per-board libraries compile without a VEE Port. Host tests provide the
 * function bodies (see test/fake_sni.c).
 */
#ifndef SMOLTCP4J_SNI_STANDIN_H
#define SMOLTCP4J_SNI_STANDIN_H

#include <stdint.h>

typedef int8_t jbyte;
typedef uint8_t jboolean;
typedef uint16_t jchar;
typedef int16_t jshort;
typedef int32_t jint;
typedef float jfloat;
typedef double jdouble;
typedef int64_t jlong;

#define SNI_OK (0)
#define SNI_ERROR (-1)

/* As in the real header: the element count is the word just before the first element. */
#define SNI_getArrayLength(array) (*((jint *)(((uint8_t *)(array)) - sizeof(jint))))

int32_t SNI_getCurrentJavaThreadID(void);
int32_t SNI_suspendCurrentJavaThread(int64_t timeout);
int32_t SNI_resumeJavaThread(int32_t id);

#endif
