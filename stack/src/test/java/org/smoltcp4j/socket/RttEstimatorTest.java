package org.smoltcp4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** smoltcp's test_rtt_estimator: RFC 6298 smoothing of a steady 2 s round trip. */
class RttEstimatorTest {

    @Test
    void rttEstimator() {
        RttEstimator r = new RttEstimator();
        int[] rtos = {6000, 5000, 4252, 3692, 3272, 2956, 2720, 2540, 2408, 2308, 2232, 2176, 2132, 2100,
            2076, 2060, 2048, 2036, 2028, 2024, 2020, 2016, 2012, 2012};
        for (int i = 0; i < rtos.length; i++) {
            r.sample(2000);
            assertEquals(rtos[i], r.rtoMillis(), "after sample " + (i + 1));
            assertEquals(rtos[i] * 1000L, r.retransmissionTimeout());
        }
    }
}
