package io.guestgateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrmFailuresTest {

    private final CrmFailures failures = new CrmFailures();

    @ParameterizedTest
    @CsvSource({"408,true", "429,true", "500,true", "502,true", "503,true", "504,true",
            "400,false", "401,false", "403,false", "404,false", "413,false", "302,false"})
    void onlyTransientStatusesAreRetried(int status, boolean retryable) {
        assertThat(failures.isRetryable(http(status))).isEqualTo(retryable);
        assertThat(failures.statusOf(http(status))).isEqualTo(status);
    }

    @Test
    void ioErrorsAreRetriedEvenWhenWrapped() {
        assertThat(failures.isRetryable(new ConnectException("refused"))).isTrue();
        assertThat(failures.isRetryable(new RuntimeCamelException(new SocketTimeoutException("slow")))).isTrue();
        assertThat(failures.statusOf(new ConnectException("refused"))).isZero();
    }

    @Test
    void programmingErrorsAndBadBatchesAreNotRetried() {
        assertThat(failures.isRetryable(new IllegalStateException("bug"))).isFalse();
        assertThat(failures.isRetryable(new InvalidCrmBatchException("not an array"))).isFalse();
        assertThat(failures.isRetryable(null)).isFalse();
        assertThat(failures.isRetryable(new com.fasterxml.jackson.core.JsonParseException(null, "bad"))).isFalse();
    }

    @Test
    void reasonsNameTheStatusOrTheErrorButNeverTheUrlOrAnswer() {
        assertThat(failures.reasonOf(http(503))).isEqualTo("CRM answered HTTP 503");
        assertThat(failures.reasonOf(new RuntimeCamelException(new ConnectException("refused 10.0.0.1"))))
                .isEqualTo("I/O error calling the CRM: ConnectException");
        assertThat(failures.reasonOf(new IllegalStateException("secret detail")))
                .isEqualTo("unexpected failure: IllegalStateException");
        assertThat(failures.reasonOf(new InvalidCrmBatchException("batch is not a JSON array")))
                .isEqualTo("batch is not a JSON array");
        assertThat(failures.reasonOf(new RuntimeCamelException(new UnreadableGuestMessageException("no session"))))
                .isEqualTo("no session");
        assertThat(failures.reasonOf(new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected 'x'")))
                .isEqualTo("guest message is not valid JSON");
        assertThat(failures.reasonOf(null)).contains("recovery");
    }

    @Test
    void aFailedTlsHandshakeIsRetriedAndItsReasonSaysWhatTlsRefused() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));
        SSLPeerUnverifiedException wrongHost = new SSLPeerUnverifiedException(
                "Certificate for <crm.example.test> doesn't match any of the subject alternative names: [other]");

        assertThat(failures.isRetryable(new RuntimeCamelException(untrusted))).isTrue();
        assertThat(failures.isRetryable(wrongHost)).isTrue();
        assertThat(failures.statusOf(untrusted)).isZero();
        assertThat(failures.reasonOf(new RuntimeCamelException(untrusted)))
                .isEqualTo("TLS error calling the CRM: the server's certificate is not trusted (check crm.ssl-bundle)");
        assertThat(failures.reasonOf(wrongHost))
                .isEqualTo("TLS error calling the CRM: the server's certificate is not valid for the host name called");
    }

    static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("https://crm.example.test/batch?key=k3y", status, "x", null,
                Map.of(), "{\"error\":\"guest text echoed\"}");
    }
}
