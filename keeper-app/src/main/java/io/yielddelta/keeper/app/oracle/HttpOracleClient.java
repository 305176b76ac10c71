package io.yielddelta.keeper.app.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.SigningException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.web3j.utils.Numeric;

/**
 * The keeper's side of a remote aiOracle ({@link OracleServer} in its own process): asks it for each signature and
 * checks that what comes back is a signature of this request's digest by the signer the oracle names (the vault then
 * checks that signer is its aiOracle). The token is sent in a header only, never logged.
 */
public final class HttpOracleClient implements RebalanceOracle {

    private final URI signatures;
    private final Secret token;
    private final Duration timeout;
    private final HttpClient http;

    public HttpOracleClient(URI base, Secret token, Duration timeout) {
        this.signatures = base.resolve(OracleServer.SIGNATURES);
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Signature sign(RebalanceRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(signatures)
                            .timeout(timeout)
                            .header("Authorization", "Bearer " + token.reveal())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    OracleJson.toJson(request).toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SigningException("aiOracle at " + signatures + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("interrupted while asking the aiOracle at " + signatures, e);
        }
        JsonNode body = parse(response);
        return switch (response.statusCode()) {
            case 200 -> checked(request, body);
            case 422 -> throw new OracleRefusedException(body.path("refused").asText("(no reason given)"));
            case 401 -> throw new SigningException("the aiOracle at " + signatures + " refused the keeper's token");
            default ->
                throw new SigningException("the aiOracle at " + signatures + " answered HTTP " + response.statusCode()
                        + ": " + body.path("error").asText(""));
        };
    }

    private Signature checked(RebalanceRequest request, JsonNode body) {
        try {
            Signature signature = OracleSignatures.of(
                    Numeric.hexStringToByteArray(body.path("signature").asText()));
            String claimed = body.path("signer").asText().toLowerCase(Locale.ROOT);
            String recovered = OracleSignatures.signer(request.digest(), signature);
            if (!recovered.equals(claimed)) {
                throw new SigningException("the aiOracle's signature recovers to " + recovered + ", not the signer "
                        + claimed + " it names");
            }
            return signature;
        } catch (IllegalArgumentException e) {
            throw new SigningException(
                    "the aiOracle at " + signatures + " answered no usable signature: " + e.getMessage(), e);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return OracleJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new SigningException("the aiOracle at " + signatures + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON");
        }
    }
}
