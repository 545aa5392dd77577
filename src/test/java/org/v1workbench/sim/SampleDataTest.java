package org.v1workbench.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.v1workbench.cli.InfoCommand;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Npy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default: generated on first use into a cache, identical to the shipped SHA-256
 * sums every time, regenerated when damaged; and its ground truth scores CC_norm near 1 against
 * its own noisy responses (the simulator and the noise-ceiling metric agree).
 */
class SampleDataTest {
    @Test
    void generatedOnceIdenticalToTheReferenceAndRepairedWhenDamaged(@TempDir Path cache) throws Exception {
        long t0 = System.nanoTime();
        Dataset d = SampleData.load(cache);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path dir = SampleData.folder(cache);
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) bytes += Files.size(f);
        }
        System.out.printf("sample data: generated and verified in %.1f s, %.1f MB on disk, in %s%n", seconds, bytes / 1e6, dir);
        assertEquals(2000, d.images());
        assertEquals(100, d.neuronCount());
        assertEquals(10, d.repeats());
        assertEquals(64, d.height());
        assertEquals(64, d.width());

        // Checksums computed here, independently of SampleData's own check.
        Map<String, String> expected = SampleData.expectedChecksums();
        assertEquals(5, expected.size());
        for (var e : expected.entrySet()) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(e.getKey()))));
            assertEquals(e.getValue(), sha, e.getKey() + " differs from the reference");
        }

        // A second load uses the cache: the files are not rewritten.
        FileTime before = Files.getLastModifiedTime(dir.resolve("responses.npy"));
        Files.setLastModifiedTime(dir.resolve("responses.npy"), FileTime.fromMillis(before.toMillis() - 60_000));
        FileTime marked = Files.getLastModifiedTime(dir.resolve("responses.npy"));
        SampleData.load(cache);
        assertEquals(marked, Files.getLastModifiedTime(dir.resolve("responses.npy")), "cached copy reused");

        // Damage one file: the next load generates the sample again, identical.
        byte[] b = Files.readAllBytes(dir.resolve("responses.npy"));
        b[b.length - 1] ^= 1;
        Files.write(dir.resolve("responses.npy"), b);
        Dataset again = SampleData.load(cache);
        assertEquals(expected, SampleData.checksums(dir, expected.keySet()));
        assertEquals(d.meanRatesHz()[7], again.meanRatesHz()[7], 0.0);

        // The ground truth against the noisy responses: CC_norm (Schoppe et al. 2016, written out
        // here) of true_rates.npy is about 1 on average over neurons.
        float[] truth = Npy.read(dir.resolve(Simulation.TRUE_RATES)).data();
        double sum = 0, sumAbs = 0;
        int counted = 0;
        for (int n = 0; n < d.neuronCount(); n++) {
            double[] pred = new double[d.images()];
            for (int i = 0; i < d.images(); i++) pred[i] = truth[i * d.neuronCount() + n];
            double[] ccs = ccNorm(d.repeatsOf(n), pred);
            sum += ccs[1];
            sumAbs += ccs[0];
            counted++;
        }
        double meanNorm = sum / counted;
        System.out.printf("sample data: true_rates.npy as predictions: mean CC_abs %.3f, mean CC_norm %.3f over %d neurons%n", sumAbs / counted, meanNorm, counted);
        assertEquals(1.0, meanNorm, 0.03);

        String info = InfoCommand.summary(d);
        assertTrue(info.contains("neurons:   100") && info.contains("2000 of 64 x 64"), info);

        // `info` with no dataset summarises the sample (from the cache named by the property).
        String old = System.getProperty("v1workbench.cache");
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setProperty("v1workbench.cache", cache.toString());
            System.setOut(new java.io.PrintStream(captured, true));
            assertEquals(0, org.v1workbench.cli.Main.run("info"));
        } finally {
            System.setOut(out);
            if (old == null) System.clearProperty("v1workbench.cache");
            else System.setProperty("v1workbench.cache", old);
        }
        assertEquals(info, captured.toString());
    }

    /** {CC_abs, CC_norm} of a prediction for one neuron's {@code images x repeats} counts. */
    static double[] ccNorm(double[][] responses, double[] pred) {
        int images = responses.length, reps = responses[0].length;
        double[] sum = new double[images], mean = new double[images];
        double sumOfVars = 0;
        for (int r = 0; r < reps; r++) {
            double[] col = new double[images];
            for (int i = 0; i < images; i++) {
                col[i] = responses[i][r];
                sum[i] += responses[i][r];
            }
            sumOfVars += variance(col);
        }
        for (int i = 0; i < images; i++) mean[i] = sum[i] / reps;
        double sp = (variance(sum) - sumOfVars) / (reps * (reps - 1.0));
        double ccAbs = correlation(mean, pred);
        double ccMax = Math.sqrt(sp / variance(mean));
        return new double[]{ccAbs, ccAbs / ccMax};
    }

    static double variance(double[] x) {
        double m = 0, s = 0;
        for (double v : x) m += v;
        m /= x.length;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    static double correlation(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
