package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.v1workbench.model.Network;
import org.v1workbench.model.NetworkSpec;
import org.v1workbench.model.Presets;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nd4j's own max pooling and oneDNN's, chosen per op, against each other and a plain Java pooling. */
class OpImplementationsTest {
    static final int B = 3, C = 4, H = 27, W = 27, K = 3, S = 2, OH = (H - K) / S + 1, OW = (W - K) / S + 1;

    /** Pooled output, the gradient of sum(pool(x) * c) with respect to x, and the pooling ops SameDiff ran with the listener on. */
    record Run(INDArray pooled, INDArray gradient, List<String> poolingOpsSeen) {}

    static Run run(INDArray x, INDArray c, boolean ownMaxPooling) {
        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.var("x", x.dup());
        Pooling2DConfig p = Pooling2DConfig.builder().kH(K).kW(K).sH(S).sW(S).dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        SDVariable pooled = sd.cnn.maxPooling2d("pooled", xv, p);
        pooled.mul(sd.constant(c)).sum("loss");
        sd.setLossVariables("loss");
        List<String> seen = new ArrayList<>();
        sd.setListeners(new OpImplementations(ownMaxPooling), new BaseListener() {
            @Override public boolean isActive(Operation operation) { return true; }
            @Override public void preOpExecution(SameDiff s, At at, SameDiffOp op, OpContext context) {
                if (OpImplementations.MAX_POOLING.contains(op.getOp().opName()) && context != null) seen.add(op.getOp().opName());
            }
        });
        INDArray out = sd.output(Map.of(), "pooled").get("pooled");
        INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
        return new Run(out, g, seen);
    }

    @Test
    void nd4jsMaxPoolingEqualsOneDnnsAndAPlainOne() {
        Backend.init();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, B, C, H, W).subi(0.5);
        INDArray c = Nd4j.rand(DataType.FLOAT, B, C, OH, OW).subi(0.5);
        Run own = run(x, c, true), oneDnn = run(x, c, false);
        assertTrue(own.poolingOpsSeen().containsAll(List.of("maxpool2d", "maxpool2d_bp")),
                "listeners see the forward and gradient ops, with their contexts: " + own.poolingOpsSeen());

        // The same pooling written out: each window's maximum, and its gradient sent to that element.
        float[] xs = x.dup().data().asFloat(), cs = c.dup().data().asFloat();
        float[] pooled = new float[B * C * OH * OW], grad = new float[xs.length];
        for (int bc = 0; bc < B * C; bc++)
            for (int i = 0; i < OH; i++)
                for (int j = 0; j < OW; j++) {
                    int best = -1;
                    for (int u = 0; u < K; u++)
                        for (int v = 0; v < K; v++) {
                            int at = (bc * H + i * S + u) * W + j * S + v;
                            if (best < 0 || xs[at] > xs[best]) best = at;
                        }
                    int o = (bc * OH + i) * OW + j;
                    pooled[o] = xs[best];
                    grad[best] += cs[o];
                }
        INDArray wantPooled = Nd4j.create(pooled, new long[]{B, C, OH, OW}), wantGrad = Nd4j.create(grad, new long[]{B, C, H, W});
        for (Run r : List.of(own, oneDnn)) {
            assertEquals(0, r.pooled().sub(wantPooled).amaxNumber().doubleValue(), 0, "pooled values");
            assertEquals(0, r.gradient().sub(wantGrad).amaxNumber().doubleValue(), 1e-6, "gradient");
        }
    }

    /** What the listener sets in an op's context: oneDNN forbidden (own kernels) or allowed, for pooling ops only. */
    @Test
    void theListenerSetsEachPoolingOpsContext() {
        Backend.init();
        SameDiff sd = SameDiff.create();
        Pooling2DConfig p = Pooling2DConfig.builder().kH(K).kW(K).sH(S).sW(S).dH(1).dW(1).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        sd.cnn.maxPooling2d("pooled", sd.var("x", Nd4j.rand(DataType.FLOAT, 1, 1, 5, 5)), p).mul("scaled", 2.0);
        for (boolean own : new boolean[]{true, false}) {
            for (SameDiffOp op : sd.getOps().values()) {
                List<Object> calls = new ArrayList<>();
                OpContext context = (OpContext) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{OpContext.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("allowHelpers")) calls.add(args[0]);
                            return null;
                        });
                new OpImplementations(own).preOpExecution(sd, null, op, context);
                if (op.getOp().opName().equals("maxpool2d")) assertEquals(List.of(!own), calls, "pooling, own kernels " + own);
                else assertEquals(List.of(), calls, op.getOp().opName() + " is left as it is");
            }
        }
    }

    @Test
    void theChoiceFollowsTheBackendAndTheNetworksCarryIt() {
        assertTrue(OpImplementations.ownMaxPooling("onednn-avx2"), "AVX2: oneDNN's NCHW pooling is its generic kernel");
        assertTrue(OpImplementations.ownMaxPooling("onednn"));
        assertFalse(OpImplementations.ownMaxPooling("onednn-avx512"), "AVX-512: oneDNN's kernels are the faster");
        float[] images = new float[40 * 33 * 33], responses = new float[40 * 3];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < images.length; i++) images[i] = (float) r.nextDouble();
        for (int i = 0; i < responses.length; i++) responses[i] = (float) r.nextDouble();
        NetworkSpec spec = NetworkSpec.of(images, 40, 33, 33, responses, 3);
        Network kindel = Network.create(Presets.config("kindel2019", Map.of(), 0), spec);
        List<OpImplementations> chosen = kindel.graph().getListeners().stream()
                .filter(l -> l instanceof OpImplementations).map(l -> (OpImplementations) l).toList();
        assertEquals(1, chosen.size(), "kindel2019 (max pooling) carries the choice");
        assertEquals(Backend.init().ownMaxPooling(), chosen.get(0).ownMaxPooling());
        Network ln = Network.create(Presets.config("ln", Map.of(), 0), spec);
        assertTrue(ln.graph().getListeners().stream().noneMatch(l -> l instanceof OpImplementations), "no pooling, no listener");
    }
}
