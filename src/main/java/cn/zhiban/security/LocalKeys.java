package cn.zhiban.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair for local use: generated on first start into a folder outside git
 * ({@code .zhiban/keys/}); the service verifies tokens with the public key, the token command signs
 * with the private one. Production points {@code mp.jwt.verify.publickey.location} at a real issuer's key.
 */
public final class LocalKeys {
    public static final String ISSUER = "zhiban-local";

    private LocalKeys() {
    }

    public static Path publicKey(Path dir) {
        return dir.resolve("public.pem");
    }

    public static Path privateKey(Path dir) {
        return dir.resolve("private.pem");
    }

    /** Creates the key pair in {@code dir} unless it is there already. */
    public static synchronized void ensure(Path dir) {
        if (Files.exists(publicKey(dir)) && Files.exists(privateKey(dir))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privateKey(dir), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(publicKey(dir), pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
