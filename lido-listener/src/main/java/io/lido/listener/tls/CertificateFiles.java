package io.lido.listener.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads a server certificate and its key: a {@code .pfx}/{@code .p12} file (PKCS#12, with its password), or PEM
 * (a certificate file with the chain, and a key file — PKCS#8, PKCS#1 or SEC1, encrypted or not — or one
 * {@code .pem} file holding both). The key must belong to the certificate: a pair that does not match is refused
 * here rather than failing every handshake later.
 */
public final class CertificateFiles {
    /** BouncyCastle as a local provider, for the PBE schemes of encrypted PEM keys; never registered globally. */
    private static final Provider BC = new BouncyCastleProvider();

    private CertificateFiles() {
    }

    /**
     * @param certificate the certificate (or PKCS#12) file
     * @param key         the PEM key file, or null when {@code certificate} holds the key
     * @param password    the PKCS#12 or key password, "" for none
     * @throws CertificateLoadException naming the file and what is wrong with it
     */
    public static KeyMaterial load(Path certificate, Path key, String password) {
        String name = certificate.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = key == null ? certificate.toString() : certificate + " with key " + key;
        KeyMaterial material = name.endsWith(".pfx") || name.endsWith(".p12")
                ? pkcs12(certificate, password, source) : pem(certificate, key == null ? certificate : key, password,
                source);
        checkPair(material);
        return material;
    }

    private static KeyMaterial pkcs12(Path file, String password, String source) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] secret = password.toCharArray();
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new KeyMaterial(key, chain, source);
                }
            }
            throw new CertificateLoadException(file + " holds no private key entry");
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateLoadException("cannot read the PKCS#12 file " + file + " (wrong password?): "
                    + e.getMessage(), e);
        }
    }

    private static KeyMaterial pem(Path certificateFile, Path keyFile, String password, String source) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object o : pemObjects(certificateFile)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new CertificateLoadException("cannot read a certificate of " + certificateFile + ": "
                            + e.getMessage(), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new CertificateLoadException(certificateFile + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        PrivateKey key = null;
        for (Object o : pemObjects(keyFile)) {
            key = key != null ? key : privateKey(o, password, keyFile);
        }
        if (key == null) {
            throw new CertificateLoadException(keyFile + " holds no PEM private key");
        }
        return new KeyMaterial(key, chain, source);
    }

    private static List<Object> pemObjects(Path file) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException e) {
            throw new CertificateLoadException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return objects;
    }

    private static PrivateKey privateKey(Object o, String password, Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return switch (o) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PEMEncryptedKeyPair encrypted -> converter.getKeyPair(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password.toCharArray()))).getPrivate();
                case PKCS8EncryptedPrivateKeyInfo encrypted -> converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password.toCharArray())));
                default -> null;
            };
        } catch (Exception e) {
            throw new CertificateLoadException("cannot read the private key of " + file
                    + (password.isEmpty() ? " (it is encrypted and no password is set?)" : " (wrong password?)") + ": "
                    + e.getMessage(), e);
        }
    }

    /** Signs with the key and verifies with the certificate: proves they are a pair, whatever the algorithm. */
    private static void checkPair(KeyMaterial material) {
        String algorithm = switch (material.key().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSASSA-PSS" -> null;
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "lido key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(material.key());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(material.leaf().getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new CertificateLoadException("the private key of " + material.source()
                        + " does not belong to its certificate " + material.leaf().getSubjectX500Principal());
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateLoadException("the private key of " + material.source()
                    + " does not fit its certificate " + material.leaf().getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }
}
