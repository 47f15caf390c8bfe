"""Stage 2: the offline default embedder (e5 conversion, ONNX Runtime) and the embedder factory."""
