package dev.chronoscale.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A certificate chain (leaf first) and the private key of its leaf, checked to belong together, and the
 * TLS context that serves them: TLS 1.2 and 1.3, ALPN {@code http/1.1} as Headscale offers.
 */
public final class ServedCertificate {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final SslContext context;

    private ServedCertificate(PrivateKey key, List<X509Certificate> chain, SslContext context) {
        this.key = key;
        this.chain = chain;
        this.context = context;
    }

    /** Checks that {@code key} signs for the leaf's public key, and builds the context. */
    public static ServedCertificate of(PrivateKey key, List<X509Certificate> chain) throws TlsCertificateException {
        if (chain.isEmpty()) {
            throw new TlsCertificateException("no certificate");
        }
        requireMatchingPair(key, chain.getFirst());
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "http/1.1"))
                    .build();
            return new ServedCertificate(key, List.copyOf(chain), context);
        } catch (Exception e) {
            throw new TlsCertificateException("the certificate cannot be served: " + e.getMessage(), e);
        }
    }

    private static void requireMatchingPair(PrivateKey key, X509Certificate leaf) throws TlsCertificateException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new TlsCertificateException("unsupported private key type " + key.getAlgorithm()
                    + " (RSA, ECDSA and Ed25519 keys are)");
        };
        if (!leaf.getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                && !(key.getAlgorithm().startsWith("EC") && leaf.getPublicKey().getAlgorithm().startsWith("EC"))) {
            throw new TlsCertificateException("the private key (" + key.getAlgorithm()
                    + ") does not match the certificate's public key (" + leaf.getPublicKey().getAlgorithm() + ")");
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new TlsCertificateException("the private key does not match the certificate's public key");
            }
        } catch (GeneralSecurityException e) {
            throw new TlsCertificateException("the private key does not match the certificate's public key ("
                    + e.getMessage() + ")", e);
        }
    }

    public SslContext context() {
        return context;
    }

    public PrivateKey key() {
        return key;
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    /** The DNS names and IP addresses the leaf is valid for. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = Optional.ofNullable(leaf().getSubjectAlternativeNames()).orElse(List.of());
            for (List<?> name : alternatives) {
                Object type = name.get(0);
                if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                    names.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException ignored) {
            // described by its subject alone
        }
        return names;
    }

    /** For the log: what is served, for which names, until when. Nothing secret. */
    public String describe() {
        return "certificate for " + (names().isEmpty() ? leaf().getSubjectX500Principal().getName() : String.join(", ", names()))
                + " (serial " + leaf().getSerialNumber().toString(16) + ", issued by "
                + leaf().getIssuerX500Principal().getName() + ", valid until " + notAfter() + ")";
    }
}
