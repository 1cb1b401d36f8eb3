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
 * line — or, for named tokens, {@code name=token} lines, the name being who acts. The file is
 * re-read when it changes (a Secret volume swaps it in place), so a token is rotated by listing old
 * and new together for a while. Tokens are compared in constant time, as digests, and never logged.
 */
public final class TokenSet {

    private static final Logger LOG = Logger.getLogger(TokenSet.class);

    private final List<Entry> inline;
    private final Optional<Path> file;
    private final boolean named;
    private volatile Loaded loaded;

    private record Entry(String name, byte[] digest) {
    }

    private record Loaded(FileTime modified, long size, List<Entry> digests) {
    }

    /**
     * @throws IllegalStateException when the file is given but cannot be read
     */
    public TokenSet(Optional<String> token, Optional<Path> file) {
        this(token, file, false);
    }

    /**
     * @param named whether the file holds {@code name=token} lines
     */
    public TokenSet(Optional<String> token, Optional<Path> file, boolean named) {
        this.inline = token.map(String::trim).filter(t -> !t.isEmpty()).map(t -> List.of(new Entry("", digest(t))))
                .orElse(List.of());
        this.file = file;
        this.named = named;
        if (file.isPresent()) {
            try {
                loaded = load(file.get(), named);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read token file " + file.get() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether any token is configured. */
    public boolean isEmpty() {
        return inline.isEmpty() && (loaded == null || loaded.digests().isEmpty());
    }

    /** The name of the token {@code presented} ({@code ""} for an unnamed one), compared in constant time. */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = digest(presented);
        String match = null;
        for (Entry known : current()) {
            // no early exit: the time taken does not tell which token, or how much of one, matched
            if (MessageDigest.isEqual(candidate, known.digest()) && match == null) {
                match = known.name();
            }
        }
        return Optional.ofNullable(match);
    }

    private List<Entry> current() {
        List<Entry> all = new ArrayList<>(inline);
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
                loaded = load(path, named);
                LOG.infof("token file %s re-read: %d token(s)", path, loaded.digests().size());
            }
        } catch (IOException e) {
            // keep the tokens we have: a Secret being swapped may be missing for a moment
            LOG.warnf("token file %s unreadable, keeping the previous tokens: %s", path, e.getMessage());
        }
    }

    private static Loaded load(Path path, boolean named) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        List<Entry> digests = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            lineNumber++;
            String token = line.trim();
            if (token.isEmpty() || token.startsWith("#")) {
                continue;
            }
            if (!named) {
                digests.add(new Entry("", digest(token)));
                continue;
            }
            // name=token: split at the first '=', so that base64 padding in the token survives
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                throw new IOException(path + " line " + lineNumber + ": expected name=token");
            }
            digests.add(new Entry(token.substring(0, eq).trim(), digest(token.substring(eq + 1).trim())));
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
