package io.jenkins.plugins.awsstepfunctions.connection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates from PEM text that replace the JVM's trusted authorities for one connection, as botocore's
 * {@code verify="/path/to/bundle.pem"} does. PEM content, not a path: a pipeline author must not be able to make the
 * controller read a file of its choice.
 */
final class CaBundle {

    private CaBundle() {}

    /** @throws InvalidSettingException when the text holds no certificate or one that cannot be read */
    static Collection<? extends Certificate> certificates(String parameter, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidSettingException(
                    parameter, "is empty; give PEM text with one or more" + " -----BEGIN CERTIFICATE----- blocks");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidSettingException(
                    parameter,
                    "is not a PEM certificate bundle: it has no"
                            + " -----BEGIN CERTIFICATE----- block (a private key or a file path does not belong here)");
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new InvalidSettingException(parameter, "holds no readable certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new InvalidSettingException(
                    parameter, "cannot be read as PEM X.509 certificates (" + e.getMessage() + ")", e);
        }
    }

    static TrustManager[] trustManagers(String parameter, String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates(parameter, pem)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new InvalidSettingException(
                    parameter, "cannot be turned into a trust store (" + e.getMessage() + ")", e);
        }
    }
}
