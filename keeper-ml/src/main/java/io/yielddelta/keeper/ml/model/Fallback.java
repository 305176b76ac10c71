package io.yielddelta.keeper.ml.model;

/** Why a vault's row did not use its model's output. */
public enum Fallback {
    /** The model is missing or failed its checks at load. */
    UNAVAILABLE,
    /** The vault has too little consecutive history for the model's window. */
    HISTORY,
    /** A feature or an output was NaN or infinite. */
    NOT_FINITE,
    /** An output was outside the manifest's bounds. */
    OUT_OF_BOUNDS,
    /** The batched inference took longer than the manifest's budget. */
    LATENCY,
    /** onnxruntime failed the inference. */
    ERROR
}
