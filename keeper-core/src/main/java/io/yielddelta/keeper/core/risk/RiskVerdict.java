package io.yielddelta.keeper.core.risk;

/** The risk engine's answer for one order: approved ({@code failed} null) or the check it failed and why. */
public record RiskVerdict(RiskCheck failed, String detail) {
    private static final RiskVerdict APPROVED = new RiskVerdict(null, "approved");

    public static RiskVerdict approved() {
        return APPROVED;
    }

    public static RiskVerdict rejected(RiskCheck check, String detail) {
        return new RiskVerdict(java.util.Objects.requireNonNull(check, "check"), detail);
    }

    public boolean isApproved() {
        return failed == null;
    }
}
