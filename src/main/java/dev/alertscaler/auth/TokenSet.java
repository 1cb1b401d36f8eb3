package dev.alertscaler.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The bearer tokens a caller may present: one from a property and any number from a file, one per
 * line. The file is re-read when it changes (a Secret volume swaps it in place), so a token is
 * rotated by listing old and new together for a while. Tokens are compared in constant time, as
 * digests, and never logged.
 */
public final class TokenSet {

    private static final Logger LOG = Logger.getLogger(TokenSet.class);

    private final List<byte[]> inline;
    private final Optional<Path> file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, long size, List<byte[]> digests) {
    }

    /**
     * @throws IllegalStateException when the file is given but cannot be read
     */
    public TokenSet(Optional<String> token, Optional<Path> file) {
        this.inline = token.map(String::trim).filter(t -> !t.isEmpty()).map(t -> List.of(digest(t))).orElse(List.of());
        this.file = file;
        if (file.isPresent()) {
            try {
                loaded = load(file.get());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read token file " + file.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether any token is configured. */
    public boolean isEmpty() {
        return inline.isEmpty() && (loaded == null || loaded.digests().isEmpty());
    }

    /** Whether {@code presented} is one of the tokens, compared in constant time. */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] known : current()) {
            // no early exit: the time taken does not tell which token, or how much of one, matched
            match |= MessageDigest.isEqual(candidate, known);
        }
        return match;
    }

    private List<byte[]> current() {
        List<byte[]> all = new ArrayList<>(inline);
        if (file.isPresent()) {
            refresh(file.get());
            all.addAll(loaded.digests());
        }
        return all;
    }

    private void refresh(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Loaded now = loaded;
            if (!modified.equals(now.modified()) || size != now.size()) {
                loaded = load(path);
                LOG.infof("token file %s re-read: %d token(s)", path, loaded.digests().size());
            }
        } catch (IOException e) {
            // keep the tokens we have: a Secret being swapped may be missing for a moment
            LOG.warnf("token file %s unreadable, keeping the previous tokens: %s", path, e.getMessage());
        }
    }

    private static Loaded load(Path path) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        List<byte[]> digests = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String token = line.trim();
            if (!token.isEmpty() && !token.startsWith("#")) {
                digests.add(digest(token));
            }
        }
        return new Loaded(modified, size, List.copyOf(digests));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
