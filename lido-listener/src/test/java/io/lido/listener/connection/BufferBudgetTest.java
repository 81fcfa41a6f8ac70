package io.lido.listener.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferBudgetTest {
    @Test
    void admitsWhileTheStalledConnectionsLeaveRoomForOneMore() {
        BufferBudget budget = new BufferBudget(2 * BufferBudget.STALLED_CONNECTION_BYTES);
        assertThat(budget.admits()).isTrue();
        budget.stalled();
        assertThat(budget.admits()).isTrue();
        budget.stalled();
        assertThat(budget.admits()).isFalse();
        budget.released();
        assertThat(budget.admits()).isTrue();
        assertThat(budget.chargedBytes()).isEqualTo(BufferBudget.STALLED_CONNECTION_BYTES);
    }

    @Test
    void theSystemPropertySetsTheBudgetAndABadValueIsNamed() {
        try {
            System.setProperty(BufferBudget.PROPERTY, "1048576");
            assertThat(BufferBudget.configured().budgetBytes()).isEqualTo(1048576);
            System.setProperty(BufferBudget.PROPERTY, "1g");
            assertThatThrownBy(BufferBudget::configured).isInstanceOf(io.lido.listener.ListenerStartException.class).hasMessageContaining("lido.listener.bufferBudget")
                    .hasMessageContaining("'1g'");
            System.clearProperty(BufferBudget.PROPERTY);
            assertThat(BufferBudget.configured().budgetBytes()).isEqualTo(BufferBudget.DEFAULT_BYTES);
        } finally {
            System.clearProperty(BufferBudget.PROPERTY);
        }
    }
}
