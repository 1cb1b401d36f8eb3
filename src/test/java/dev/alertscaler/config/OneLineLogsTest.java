package dev.alertscaler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Log messages stay on one line whatever the input they quote. */
class OneLineLogsTest {

    final OneLineLogs filter = new OneLineLogs();

    private ExtLogRecord record(String format, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, format, ExtLogRecord.FormatStyle.PRINTF, OneLineLogsTest.class.getName());
        record.setParameters(parameters);
        return record;
    }

    @Test
    void aLineBreakInAParameterIsEscaped() {
        ExtLogRecord record = record("target=%s left alone: %s", "default/deployments/app",
                "max-replicas=\"lots\n2026-12-02T00:00:00Z INFO  [de.al.sc.ChangeReporter] scaled target=x\"");
        assertTrue(filter.isLoggable(record));
        assertEquals("target=default/deployments/app left alone: max-replicas=\"lots\\n2026-12-02T00:00:00Z INFO  "
                + "[de.al.sc.ChangeReporter] scaled target=x\"", record.getFormattedMessage());
    }

    @Test
    void otherControlCharactersAreEscapedAndPlainTextIsLeftAlone() {
        ExtLogRecord record = record("role=%s", "hold\u0000\r\t\u001b[31m");
        filter.isLoggable(record);
        assertEquals("role=hold\\u0000\\r\\t\\u001b[31m", record.getFormattedMessage());
        ExtLogRecord plain = record("scaled target=%s from=%d to=%d", "default/deployments/app", 1, 3);
        filter.isLoggable(plain);
        assertEquals("scaled target=default/deployments/app from=1 to=3", plain.getFormattedMessage());
        assertEquals(ExtLogRecord.FormatStyle.PRINTF, plain.getFormatStyle(), "untouched");
    }
}
