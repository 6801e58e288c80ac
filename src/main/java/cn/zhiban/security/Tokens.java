package cn.zhiban.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Signs RS256 tokens with the local private key: for local use and tests, never in production.
 * Plain JDK signing, so it works outside the service too (the token command, test set-up).
 */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    public static String sign(Path keyDir, String subject, Set<String> roles, String uscc, Duration validity) {
        try {
            // Real time, not the service's clock: iat/exp are checked by the JWT verifier against the machine's
            // clock, and a token is no "today" decision of the service.
            Instant now = Instant.now();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", LocalKeys.ISSUER);
            claims.put("sub", subject);
            claims.put("upn", subject);
            claims.put("groups", roles);
            if (uscc != null) {
                claims.put("uscc", uscc);
            }
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(validity).getEpochSecond());
            String unsigned = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                    + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey(keyDir));
            rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + URL.encodeToString(rsa.sign());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(Path keyDir) throws GeneralSecurityException {
        try {
            String pem = Files.readString(LocalKeys.privateKey(keyDir), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
