package dev.chronoscale.gateway.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PEM as Headscale (Go's {@code tls.LoadX509KeyPair}) reads it: a file of {@code CERTIFICATE} blocks, leaf first;
 * a key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}); other
 * blocks (such as {@code EC PARAMETERS}) are skipped; encrypted keys are refused.
 */
public final class Pem {

    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private Pem() {
    }

    /** The certificates of {@code pem}, in order; none is an empty list. */
    public static List<X509Certificate> certificates(byte[] pem) throws TlsCertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : blocks(pem)) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(CERTIFICATES.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsCertificateException("a CERTIFICATE block is not an X.509 certificate: " + e.getMessage(), e);
                }
            }
        }
        return certificates;
    }

    /** The first private key of {@code pem}, if it has one. */
    public static Optional<PrivateKey> privateKey(byte[] pem) throws TlsCertificateException {
        for (Object block : blocks(pem)) {
            try {
                if (block instanceof PrivateKeyInfo info) {
                    return Optional.of(KEYS.getPrivateKey(info));
                }
                if (block instanceof PEMKeyPair pair) {
                    return Optional.of(KEYS.getPrivateKey(pair.getPrivateKeyInfo()));
                }
            } catch (IOException e) {
                throw new TlsCertificateException("the private key cannot be read: " + e.getMessage(), e);
            }
            if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                throw new TlsCertificateException("the private key is encrypted; it must be stored unencrypted, as Headscale reads it");
            }
        }
        return Optional.empty();
    }

    /**
     * The EC key pair of the first private key of {@code pem} (an ACME account key). SEC1 may leave the public key
     * out (the JDK's encoding does; Go's, in a Headscale cache, does not), so it is derived from the private one.
     */
    public static Optional<KeyPair> ecKeyPair(byte[] pem) throws TlsCertificateException {
        Optional<PrivateKey> key = privateKey(pem);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!(key.get() instanceof ECPrivateKey ec)) {
            throw new TlsCertificateException("the key is " + key.get().getAlgorithm() + ", not EC");
        }
        ECParameterSpec curve = ec.getParams();
        org.bouncycastle.math.ec.ECPoint q = EC5Util.convertPoint(curve, curve.getGenerator()).multiply(ec.getS()).normalize();
        try {
            PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), curve));
            return Optional.of(new KeyPair(publicKey, ec));
        } catch (GeneralSecurityException e) {
            throw new TlsCertificateException("the EC key's public half cannot be derived: " + e.getMessage(), e);
        }
    }

    /** {@code objects} (private keys, as PKCS#8, and certificates) as PEM, one block after the other. */
    public static byte[] write(List<?> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof PrivateKey key) {
                    writer.writeObject(new JcaPKCS8Generator(key, null));
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Object> blocks(byte[] pem) throws TlsCertificateException {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object block;
            while ((block = parser.readObject()) != null) {
                blocks.add(block);
            }
        } catch (IOException e) {
            throw new TlsCertificateException("not valid PEM: " + e.getMessage(), e);
        }
        return blocks;
    }
}
