package io.yielddelta.keeper.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainCommandTest {

    @Test
    void argumentsAreReadWithDefaultsAndBadOnesNamed() {
        TrainCommand.Options o = TrainCommand.parse(new String[] {"--data", "d", "--out", "o", "--seed", "5"});
        assertThat(o.data()).isEqualTo(Path.of("d"));
        assertThat(o.seed()).isEqualTo(5);
        assertThat(o.report()).isEqualTo(Path.of("docs/model-evaluation.md"));
        assertThat(o.tiny()).isFalse();
        assertThatThrownBy(() -> TrainCommand.parse(new String[] {"--data", "d"}))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> TrainCommand.parse(new String[] {"--data", "d", "--out", "o", "--seed", "x"}))
                .hasMessageContaining("--seed must be an integer, was x");
        assertThatThrownBy(() -> TrainCommand.parse(new String[] {"--epochs", "3"}))
                .hasMessageContaining("unknown argument --epochs");
    }
}
