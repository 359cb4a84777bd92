package org.smoltcp4j.phy;

import java.util.ArrayList;
import java.util.List;

/** Test helper: keeps every traced line as {@code "<now> rx|tx <line>"}. */
final class RecordingTraceSink implements TraceSink {

    final List<String> lines = new ArrayList<>();

    @Override
    public void trace(long now, boolean transmitted, CharSequence line) {
        lines.add(now + (transmitted ? " tx " : " rx ") + line);
    }
}
