package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AuthFramesTest {

    @Test
    void authFrameCarriesTheTokenJsonEscaped() {
        JsonObject frame = new JsonObject(AuthFrames.auth("a\"b\\c"));
        assertThat(frame.getString("type")).isEqualTo("auth");
        assertThat(frame.getString("token")).isEqualTo("a\"b\\c");
        assertThat(frame.size()).isEqualTo(2);
    }

    @Test
    void recognisesAuthAnswersAndNothingElse() {
        assertThat(AuthFrames.classify("{\"type\":\"auth\",\"status\":\"ok\"}")).isEqualTo(AuthFrames.Answer.ACCEPTED);
        assertThat(AuthFrames.classify("{ \"status\": \"ok\", \"type\": \"auth\" }")).isEqualTo(AuthFrames.Answer.ACCEPTED);
        assertThat(AuthFrames.classify("{\"type\":\"auth\",\"status\":\"denied\"}")).isEqualTo(AuthFrames.Answer.REFUSED);
        assertThat(AuthFrames.classify("{\"type\":\"message\",\"text\":\"\\\"auth\\\"\"}")).isEqualTo(AuthFrames.Answer.NOT_AUTH);
        assertThat(AuthFrames.classify("[\"auth\"]")).isEqualTo(AuthFrames.Answer.NOT_AUTH);
        assertThat(AuthFrames.classify("\"auth\" not json")).isEqualTo(AuthFrames.Answer.NOT_AUTH);
        assertThat(AuthFrames.classify("{\"type\":\"message\"}")).isEqualTo(AuthFrames.Answer.NOT_AUTH);
    }
}
