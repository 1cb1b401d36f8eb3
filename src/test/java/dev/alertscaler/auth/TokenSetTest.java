package dev.alertscaler.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSetTest {

    @TempDir
    Path dir;

    @Test
    void anInlineTokenIsAcceptedAndNothingElse() {
        TokenSet tokens = new TokenSet(Optional.of("s3cret"), Optional.empty());
        assertTrue(tokens.identify("s3cret").isPresent());
        assertFalse(tokens.identify("s3cre").isPresent());
        assertFalse(tokens.identify("s3cret2").isPresent());
        assertFalse(tokens.identify("").isPresent());
        assertFalse(tokens.identify(null).isPresent());
    }

    @Test
    void aTokenFileIsReReadWhenItChangesSoTokensRotateWithoutRestart() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# webhook tokens\nold-token\n\n");
        TokenSet tokens = new TokenSet(Optional.empty(), Optional.of(file));
        assertTrue(tokens.identify("old-token").isPresent());
        assertFalse(tokens.identify("new-token").isPresent());

        Files.writeString(file, "old-token\nnew-token\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(tokens.identify("old-token").isPresent(), "both accepted during the rotation");
        assertTrue(tokens.identify("new-token").isPresent());

        Files.writeString(file, "new-token\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertFalse(tokens.identify("old-token").isPresent(), "the old one is gone once removed");
        assertTrue(tokens.identify("new-token").isPresent());
    }

    @Test
    void aMissingTokenFileFailsAtOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TokenSet(Optional.empty(), Optional.of(dir.resolve("absent"))));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }

    @Test
    void bearerHeadersAreParsed() {
        assertEquals("abc", TokenSet.bearer("Bearer abc"));
        assertEquals("abc", TokenSet.bearer("bearer abc"));
        assertEquals(null, TokenSet.bearer("Basic abc"));
        assertEquals(null, TokenSet.bearer(null));
    }
}
