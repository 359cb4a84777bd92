/* The few SNI functions the glue calls, recording what they were asked. */
#include "sni.h"
#include "fake_hw.h"

#define CURRENT_THREAD 7

int fake_sni_suspend_calls;
int64_t fake_sni_last_suspend_ms;
int fake_sni_resume_calls;

int32_t SNI_getCurrentJavaThreadID(void)
{
    return CURRENT_THREAD;
}

int32_t SNI_suspendCurrentJavaThread(int64_t timeout)
{
    fake_sni_suspend_calls++;
    fake_sni_last_suspend_ms = timeout;
    return SNI_OK;
}

int32_t SNI_resumeJavaThread(int32_t id)
{
    fake_sni_resume_calls += id == CURRENT_THREAD;
    return SNI_OK;
}
