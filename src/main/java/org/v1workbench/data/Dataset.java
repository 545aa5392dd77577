package org.v1workbench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recording (or simulation): the images shown, the responses of every neuron to every repeat of
 * every image, the neurons, and how the images are split into tiers. Immutable once built: the
 * arrays are copied in and only copies or single values are handed out (datasets derived from one
 * share its arrays).
 *
 * <p>Shapes: stimuli {@code images x height x width} (grey levels as recorded, float);
 * responses {@code images x repeats x neurons}, NaN where a repeat is missing, of the
 * {@link #responseKind()} the dataset declares: spike counts in a window of
 * {@link #windowSeconds()} seconds by default (a rate in Hz is a count divided by the window),
 * or a two-photon signal averaged over that window (dF/F, z-scored, deconvolved), in
 * {@link #unit()}. Only the signed kinds may hold negative values.
 */
public final class Dataset {
    private final String name;
    private final String source;
    /** The folder or file this dataset was opened from (absolute), empty where it was built in memory. */
    private final String location;
    private final int images, height, width, repeats;
    private final float[] stimuli;
    private final float[] responses;
    private final List<Neuron> neurons;
    private final double windowSeconds;
    private final ResponseKind responseKind;
    private final String unit;
    private final Tiers tiers;
    private final Map<String, String> notes;

    private Dataset(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.source = b.source == null ? "" : b.source;
        this.location = b.location == null ? "" : b.location;
        this.images = b.images;
        this.height = b.height;
        this.width = b.width;
        this.repeats = b.repeats;
        this.stimuli = b.stimuli;
        this.responses = b.responses;
        this.neurons = List.copyOf(b.neurons);
        this.windowSeconds = b.windowSeconds;
        this.responseKind = b.responseKind;
        this.unit = b.unit == null || b.unit.isBlank() ? b.responseKind.defaultUnit() : b.unit.strip();
        this.tiers = b.tiers == null ? Tiers.defaultSplit(images, 0) : b.tiers;
        this.notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.notes));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this dataset's contents, to derive a changed copy. It shares this
     * dataset's arrays (neither is ever changed) and does not check them again: a session's
     * stimuli are tens of megabytes, and a copy of them is one long step that no other thread
     * (garbage collector included) can interrupt.
     */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).source(source).location(location).neurons(neurons).windowSeconds(windowSeconds)
                .responseKind(responseKind)
                .unit(unit.equals(responseKind.defaultUnit()) ? null : unit).tiers(tiers).notes(notes);
        b.stimuli = stimuli;
        b.images = images;
        b.height = height;
        b.width = width;
        b.stimuliChecked = true;
        b.responses = responses;
        b.repeats = repeats;
        b.responseNeurons = neurons.size();
        b.responsesChecked = true;
        return b;
    }

    public String name() { return name; }
    public String source() { return source; }
    /** The folder or file it was opened from (absolute), empty where it was built in memory; kept by derived datasets. */
    public String location() { return location; }
    public int images() { return images; }
    public int height() { return height; }
    public int width() { return width; }
    public int repeats() { return repeats; }
    public int neuronCount() { return neurons.size(); }
    public List<Neuron> neurons() { return neurons; }
    public Neuron neuron(int n) { return neurons.get(n); }
    public double windowSeconds() { return windowSeconds; }
    /** What the response values are (spike counts unless the dataset says otherwise). */
    public ResponseKind responseKind() { return responseKind; }
    /** The unit responses are shown in: Hz for counts (shown as rates) and rates, else the signal's ("dF/F", "z"). */
    public String unit() { return unit; }
    /** Stored responses times this are in {@link #unit()}: 1 / window for spike counts, 1 for every other kind. */
    public double displayScale() { return responseKind.displayScale(windowSeconds); }
    public Tiers tiers() { return tiers; }
    public Map<String, String> notes() { return notes; }

    /** The sessions in order of first appearance among the neurons. */
    public List<String> sessions() {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        for (Neuron n : neurons) s.add(n.session());
        return new ArrayList<>(s);
    }

    /** Indices of the neurons recorded in {@code session}, ascending. */
    public int[] neuronsOf(String session) {
        return java.util.stream.IntStream.range(0, neurons.size())
                .filter(i -> neurons.get(i).session().equals(session)).toArray();
    }

    /** The same images and tiers with only the neurons at {@code indices} (e.g. one session's). */
    public Dataset selectNeurons(int[] indices) {
        int nn = neurons.size(), k = indices.length;
        // Every neuron in order (an experiment scoring all of a dataset's neurons): this dataset,
        // which cannot change, rather than two copies of its responses (at 5,000 images and 8,000
        // neurons, 160 MB each, and the JVM clones an array without letting other threads reach a
        // safepoint: the window stalled for 0.6 s at every autosave).
        boolean all = k == nn;
        for (int j = 0; j < k && all; j++) all = indices[j] == j;
        if (all) return this;
        float[] sub = new float[images * repeats * k];
        List<Neuron> chosen = new ArrayList<>();
        for (int j = 0; j < k; j++) chosen.add(neurons.get(indices[j]));
        for (int ir = 0; ir < images * repeats; ir++)
            for (int j = 0; j < k; j++) sub[ir * k + j] = responses[ir * nn + indices[j]];
        Builder b = toBuilder().neurons(chosen);
        b.responses = sub;   // made here from checked values: no second copy, no second check
        b.responseNeurons = k;
        return b.build();
    }

    /**
     * Only the images at {@code indices} (ascending or not), in that order, with their responses
     * and tiers: a fit that must not be given the other images at all (a nested benchmark's inner
     * fits never see the outer test images).
     */
    public Dataset selectImages(int[] indices) {
        int pixels = height * width, row = repeats * neurons.size();
        float[] st = new float[indices.length * pixels];
        float[] re = new float[indices.length * row];
        Tier[] t = new Tier[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= images) throw new IllegalArgumentException("no image " + i + " of " + images);
            System.arraycopy(stimuli, i * pixels, st, k * pixels, pixels);
            System.arraycopy(responses, i * row, re, k * row, row);
            t[k] = tiers.of(i);
        }
        return toBuilder().stimuli(st, indices.length, height, width).responses(re, repeats, neurons.size()).tiers(Tiers.of(t)).build();
    }

    /** Pixel (y, x) of image i. */
    public float pixel(int image, int y, int x) {
        return stimuli[(image * height + y) * width + x];
    }

    /** Response of neuron n on repeat r of image i (a spike count, or the signal's value); NaN where the repeat is missing. */
    public float response(int image, int repeat, int neuron) {
        return responses[(image * repeats + repeat) * neurons.size() + neuron];
    }

    /** A copy of all stimuli, flat, {@code images x height x width}. */
    public float[] stimuliArray() {
        return stimuli.clone();
    }

    /** All stimuli, flat, {@code images x height x width}, read-only and not copied (for checksums of large data). */
    public java.nio.FloatBuffer stimuliView() {
        return java.nio.FloatBuffer.wrap(stimuli).asReadOnlyBuffer();
    }

    /** All responses, flat, {@code images x repeats x neurons}, read-only and not copied. */
    public java.nio.FloatBuffer responsesView() {
        return java.nio.FloatBuffer.wrap(responses).asReadOnlyBuffer();
    }

    /** A copy of all responses, flat, {@code images x repeats x neurons}. */
    public float[] responsesArray() {
        return responses.clone();
    }

    /** A copy of image i, flat, {@code height x width}. */
    public float[] stimulus(int image) {
        float[] out = new float[height * width];
        System.arraycopy(stimuli, image * height * width, out, 0, out.length);
        return out;
    }

    /**
     * Trial-averaged responses, {@code images x neurons} (mean over the repeats present; NaN
     * where an image has no repeat for a neuron), as stored (spike counts per window, or the signal).
     */
    public double[][] meanResponses() {
        int nn = neurons.size();
        double[][] out = new double[images][nn];
        for (int i = 0; i < images; i++)
            for (int n = 0; n < nn; n++) out[i][n] = meanResponse(i, n);
        return out;
    }

    /**
     * One image's trial-averaged response of one neuron (mean over the repeats present; NaN where
     * there is none), as stored: one entry of {@link #meanResponses()} without making the whole
     * matrix (at 5,000 images and 8,000 neurons that is 320 MB).
     */
    public double meanResponse(int image, int neuron) {
        double sum = 0;
        int k = 0;
        for (int r = 0; r < repeats; r++) {
            float v = response(image, r, neuron);
            if (!Float.isNaN(v)) {
                sum += v;
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /**
     * All repeats of one neuron, {@code images x repeats}, as stored (NaN where missing).
     */
    public double[][] repeatsOf(int neuron) {
        double[][] out = new double[images][repeats];
        for (int i = 0; i < images; i++)
            for (int r = 0; r < repeats; r++) out[i][r] = response(i, r, neuron);
        return out;
    }

    /**
     * Mean response of neuron {@code neuron} over {@code images} and their repeats present, in
     * {@link #unit()} (Hz for spike counts); NaN where none is present.
     */
    public double meanLevel(int[] images, int neuron) {
        double sum = 0;
        long k = 0;
        for (int i : images)
            for (int r = 0; r < repeats; r++) {
                float v = response(i, r, neuron);
                if (!Float.isNaN(v)) {
                    sum += v;
                    k++;
                }
            }
        return k == 0 ? Double.NaN : sum / k * displayScale();
    }

    /** The trial mean of neuron {@code neuron} to image {@code image} in {@link #unit()}; NaN where no repeat is present. */
    public double meanLevel(int image, int neuron) {
        return meanLevel(new int[]{image}, neuron);
    }

    /**
     * Mean rate of each neuron in Hz over all images and repeats present, for spike counts and
     * rates; NaN for every neuron of a signal (dF/F has no rate: see {@link #meanLevels()}).
     */
    public double[] meanRatesHz() {
        double[] m = meanLevels();
        if (!responseKind.firing()) java.util.Arrays.fill(m, Double.NaN);
        return m;
    }

    /** Mean response of each neuron over all images and repeats present, in {@link #unit()} (Hz for counts). */
    public double[] meanLevels() {
        int nn = neurons.size();
        double[] sum = new double[nn];
        long[] count = new long[nn];
        for (int i = 0; i < responses.length; i++) {
            float v = responses[i];
            if (!Float.isNaN(v)) {
                sum[i % nn] += v;
                count[i % nn]++;
            }
        }
        double[] out = new double[nn];
        double scale = displayScale();
        for (int n = 0; n < nn; n++) out[n] = count[n] == 0 ? Double.NaN : sum[n] / count[n] * scale;
        return out;
    }

    /** Builds a {@link Dataset}, checking that shapes agree and values are finite where required. */
    public static final class Builder {
        private String name;
        private String source;
        private String location;
        private int images = -1, height, width, repeats = -1;
        private float[] stimuli, responses;
        /** Whether the arrays are a built dataset's, already checked (and never changed). */
        private boolean stimuliChecked, responsesChecked;
        private int responseNeurons = -1;
        private List<Neuron> neurons = List.of();
        private double windowSeconds = Double.NaN;
        private ResponseKind responseKind = ResponseKind.SPIKE_COUNTS;
        private String unit;
        private Tiers tiers;
        private final Map<String, String> notes = new LinkedHashMap<>();

        public Builder name(String name) { this.name = name; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder location(String location) { this.location = location; return this; }
        public Builder windowSeconds(double s) { this.windowSeconds = s; return this; }
        public Builder tiers(Tiers tiers) { this.tiers = tiers; return this; }
        /** What the responses are; a change of kind checks the responses again (a signed kind allows negatives). */
        public Builder responseKind(ResponseKind kind) {
            if (kind != responseKind) responsesChecked = false;
            this.responseKind = java.util.Objects.requireNonNull(kind, "kind");
            return this;
        }
        /** The unit shown for responses; null or blank: the kind's default. */
        public Builder unit(String unit) { this.unit = unit; return this; }
        public Builder neurons(List<Neuron> neurons) { this.neurons = List.copyOf(neurons); return this; }
        public Builder note(String key, String value) { notes.put(key, value); return this; }
        public Builder notes(Map<String, String> n) { notes.putAll(n); return this; }

        /** Stimuli, flat {@code images x height x width}; the array is copied. */
        public Builder stimuli(float[] flat, int images, int height, int width) {
            this.stimuli = flat.clone();
            this.stimuliChecked = false;
            this.images = images;
            this.height = height;
            this.width = width;
            return this;
        }

        /** Responses, flat {@code images x repeats x neurons}; the array is copied. */
        public Builder responses(float[] flat, int repeats, int neurons) {
            this.responses = flat.clone();
            this.responsesChecked = false;
            this.repeats = repeats;
            this.responseNeurons = neurons;
            return this;
        }

        public Dataset build() {
            if (name == null || name.isBlank()) throw new BadInputException("dataset has no name");
            if (stimuli == null) throw new BadInputException("dataset '" + name + "' has no stimuli");
            if (responses == null) throw new BadInputException("dataset '" + name + "' has no responses");
            if (images <= 0 || height <= 0 || width <= 0)
                throw new BadInputException("dataset '" + name + "': stimuli shape " + images + " x " + height + " x " + width + " is empty");
            if ((long) images * height * width != stimuli.length)
                throw new BadInputException("dataset '" + name + "': stimuli hold " + stimuli.length + " values, not " + images + " x " + height + " x " + width);
            if (repeats <= 0 || responseNeurons <= 0)
                throw new BadInputException("dataset '" + name + "': responses have " + repeats + " repeats and " + responseNeurons + " neurons");
            if ((long) images * repeats * responseNeurons != responses.length)
                throw new BadInputException("dataset '" + name + "': responses hold " + responses.length
                        + " values, not images x repeats x neurons = " + images + " x " + repeats + " x " + responseNeurons);
            if (neurons.size() != responseNeurons)
                throw new BadInputException("dataset '" + name + "': " + neurons.size() + " neurons described but responses have " + responseNeurons);
            if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds))
                throw new BadInputException("dataset '" + name + "': response window must be a positive number of seconds, not " + windowSeconds);
            if (!stimuliChecked) for (int i = 0; i < stimuli.length; i++) {
                if (!Float.isFinite(stimuli[i]))
                    throw new BadInputException("dataset '" + name + "': stimulus " + (i / (height * width)) + " has a " + stimuli[i] + " pixel");
            }
            if (!responsesChecked) for (int i = 0; i < responses.length; i++) {
                float v = responses[i];
                if (Float.isInfinite(v))
                    throw new BadInputException("dataset '" + name + "': response of image " + (i / (repeats * responseNeurons)) + " is infinite");
                if (v < 0 && !responseKind.signed())
                    throw new BadInputException("dataset '" + name + "': response of image " + (i / (repeats * responseNeurons)) + " is negative ("
                            + v + "), not " + responseKind.description() + " (a signal with real negative values is declared as "
                            + ResponseKind.DFF.label() + ", " + ResponseKind.ZSCORE.label() + " or " + ResponseKind.SIGNAL.label() + ")");
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Neuron n : neurons)
                if (!ids.add(n.id())) throw new BadInputException("dataset '" + name + "': neuron id '" + n.id() + "' appears twice");
            if (tiers != null && tiers.size() != images)
                throw new BadInputException("dataset '" + name + "': tiers cover " + tiers.size() + " images, not " + images);
            return new Dataset(this);
        }
    }
}
