/*
 * SNI glue of org.smoltcp4j.hal.HardwareTimer, over the family's hal_now_us.
 *
 * waitUntil suspends the calling Java thread (SNI: effective when the native returns) until the
 * deadline, or until hal_device_event resumes it. A suspension is capped at MAX_SUSPEND_MS so
 * the Java loop reads the clock at least that often: the family timers extend a 32-bit
 * (or 24-bit) hardware counter in software and must see every wrap.
 */
#include "sni.h"
#include "hal_time.h"

#define MAX_SUSPEND_MS 1000
#define NO_THREAD (-1)

static volatile int32_t waiting_thread = NO_THREAD;
static volatile int event_pending;

jlong Java_org_smoltcp4j_hal_HardwareTimer_nowMicros(void)
{
    return hal_now_us();
}

void Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(jlong deadlineMicros)
{
    int64_t remaining = deadlineMicros - hal_now_us();
    if (remaining <= 0) {
        return;
    }
    /* Publish the thread first: an event arriving after this line resumes it, one arriving
       before is seen in event_pending below. */
    waiting_thread = SNI_getCurrentJavaThreadID();
    if (event_pending) {
        event_pending = 0;
        waiting_thread = NO_THREAD;
        return;
    }
    int64_t milliseconds = (remaining + 999) / 1000;
    SNI_suspendCurrentJavaThread(milliseconds < MAX_SUSPEND_MS ? milliseconds : MAX_SUSPEND_MS);
}

void hal_device_event(void)
{
    int32_t thread = waiting_thread;
    if (thread == NO_THREAD) {
        event_pending = 1;
        return;
    }
    waiting_thread = NO_THREAD;
    SNI_resumeJavaThread(thread);
}
