package org.v1workbench.ui.shell;

import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.v1workbench.data.AtomicFiles;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.experiment.ExperimentSummary;
import org.v1workbench.sim.SampleData;
import org.v1workbench.figure.FigureExport;
import org.v1workbench.ui.chart.FigurePane;
import org.v1workbench.ui.common.DatasetSource;
import org.v1workbench.ui.common.OpenExperiment;
import org.v1workbench.ui.common.SettingsStore;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.common.WorkbenchPrefs;
import org.v1workbench.ui.dataset.DatasetBrowserModel;
import org.v1workbench.ui.dataset.NeuronRow;
import org.v1workbench.ui.filters.FiltersModel;
import org.v1workbench.ui.filters.FiltersView;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Renders a workspace of the window offscreen to a PNG, with no display (JavaFX's Monocle
 * headless platform and software rendering), for the README and for checking views by eye.
 * The window is the real one, on a dataset loaded the way the window loads it; for the picture
 * to show something, the image that drives the population most is put in focus, a few more are
 * selected for the raster, and the neuron with the highest CC_max (or rate) is selected.
 */
public final class Snapshots {
    private Snapshots() {}

    public static final int MIN_SIDE = 400, MAX_SIDE = 8000;
    private static final long TIMEOUT_S = 300;
    /** Parses a {@code --view} name. */
    public static Workspace view(String name) {
        for (Workspace w : Workspace.values()) if (w.cliName().equals(name)) return w;
        throw new BadInputException("--view: unknown view '" + name + "' (one of: dataset, training, inspector, filters)");
    }

    /**
     * Renders {@code viewName} at {@code width x height} pixels to {@code out}.
     *
     * @param data       a dataset folder (any importer's format); null for the sample dataset
     * @param experiment the experiment the model views show; null for the short model trained on the dataset (cached)
     */
    public static void render(String viewName, Path data, Path experiment, Path out, int width, int height) throws Exception {
        render(viewName, data, experiment, null, out, width, height);
    }

    /**
     * As {@link #render(String, Path, Path, Path, int, int)}; {@code sweep} (training view only, in
     * place of an experiment) is a sweep's {@code PREFIX-settings} folder: its settings are listed,
     * sorted by validation score, and the best two selected, their curves overlaid.
     */
    public static void render(String viewName, Path data, Path experiment, Path sweep, Path out, int width, int height) throws Exception {
        Workspace view = view(viewName);
        if (sweep != null && view != Workspace.TRAINING)
            throw new BadInputException("--sweep: a sweep's settings have no model for the " + viewName + " view; use --view training");
        if (sweep != null && experiment != null) throw new BadInputException("--sweep or --experiment, not both");
        if (sweep != null && !Files.exists(sweep)) throw new BadInputException(sweep, "not found");
        if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE)
            throw new BadInputException("--width and --height must be " + MIN_SIDE + " to " + MAX_SIDE + " pixels, not " + width + " x " + height);
        if (data != null && !Files.exists(data)) throw new BadInputException(data, "not found");
        if (experiment != null && !ExperimentSummary.isExperiment(experiment))
            throw new BadInputException(experiment, "not an experiment folder (no config.json and metrics.json)");
        if (out.getFileName() == null || !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
            throw new BadInputException(out, "--out must name a .png file");

        boolean started = startToolkit(width, height);
        TaskRunner tasks = new TaskRunner();
        WorkbenchModel[] holder = new WorkbenchModel[1];
        try {
            WorkbenchModel model = fx(() -> new WorkbenchModel(tasks, new WorkbenchPrefs(SettingsStore.inMemory()), CcMax.function()));
            holder[0] = model;
            // A scene in no window: nothing is drawn to the (headless) screen, whose size then
            // does not limit the picture's.
            MainWindow window = fx(() -> {
                MainWindow w = new MainWindow(model);
                new Scene(w.root(), width, height);
                w.select(view);
                return w;
            });
            DatasetSource source = data == null ? DatasetSource.sample() : DatasetSource.folder(data);
            Task<Dataset> load = fx(() -> model.open(source));
            tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
            Dataset d;
            try {
                d = load.get();
            } catch (ExecutionException e) {
                throw asException(e.getCause());
            }
            if (view == Workspace.DATASET) showDataset(model, window, d, tasks);
            else if (sweep != null) showSweep(model, window, sweep.toAbsolutePath().normalize(), tasks);
            else showExperiment(model, view, d, experiment != null ? experiment.toAbsolutePath().normalize()
                    : SnapshotModel.ensureSaying(viewName, SampleData.cacheRoot(), d, line -> System.err.println(line)), tasks);
            fx(() -> {
                for (int pass = 0; pass < 6; pass++) {
                    window.root().applyCss();
                    window.root().layout();
                    if (pass == 2 && view == Workspace.DATASET) window.browserView().revealFocusNow();
                }
                return null;
            });
            // Live charts are drawn in the background once laid out: wait for them.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (!fx(() -> FigurePane.allSettled(window.root())) && System.nanoTime() < until) Thread.sleep(20);
            BufferedImage img = fx(() -> {
                window.root().applyCss();
                window.root().layout();
                return toBufferedImage(window.root().getScene().snapshot(null));
            });
            byte[] png = FigureExport.png(img, 96);
            AtomicFiles.writeFile(out, tmp -> Files.write(tmp, png));
        } finally {
            if (holder[0] != null) holder[0].close();
            tasks.close();
            if (started) Platform.exit();
        }
    }

    /** Focus on the image that drives the population most, a few more selected, the best neuron selected. */
    private static void showDataset(WorkbenchModel model, MainWindow window, Dataset d, TaskRunner tasks) throws Exception {
        int[] images = mostDrivingImages(d, model.browser().pageSize());
        fx(() -> {
            DatasetBrowserModel b = model.browser();
            b.pageProperty().set(images[0] / b.pageSize());
            b.select(images[0], false);
            for (int k = 1; k < images.length; k++) b.select(images[k], true);
            b.select(images[0], true);
            b.select(images[0], true);
            return null;
        });
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
        fx(() -> {
            List<NeuronRow> rows = model.browser().shownRows();
            NeuronRow best = rows.stream().max(Comparator.comparingDouble(
                    (NeuronRow r) -> Double.isNaN(r.ccMax()) ? -1 : r.ccMax()).thenComparingDouble(NeuronRow::meanLevel)).orElse(null);
            window.browserView().table().getSelectionModel().select(best);
            window.browserView().table().scrollTo(best);
            return null;
        });
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * Opens the experiment on the dataset; the training view lists the experiments beside it and
     * overlays its curves, with its configuration in the form; the inspector shows its best neuron.
     */
    private static void showExperiment(WorkbenchModel model, Workspace view, Dataset d, Path dir, TaskRunner tasks) throws Exception {
        fx(() -> {
            model.experiments().folderProperty().set(dir.getParent());
            return null;
        });
        Task<OpenExperiment> open = fx(() -> model.experiments().open(dir));
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
        OpenExperiment e;
        try {
            e = open.get();
        } catch (ExecutionException ex) {
            throw asException(ex.getCause());
        }
        if (e.dataset() == null)
            throw new BadInputException(dir, "was trained on dataset '" + e.summary().datasetName() + "', not on "
                    + (d.name()) + " (checksums differ): pass the dataset it was trained on with --data");
        fx(() -> {
            model.training().overlaid().add(dir);
            model.training().load(e.experiment().config());
            model.training().nameProperty().set(e.label() + "-variant");
            return null;
        });
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
        if (view == Workspace.FILTERS) {
            fx(() -> {
                FiltersModel f = model.filters();
                if (f.usageProperty().get() != null) f.filterProperty().set(mostUsedFilter(f.usageProperty().get()));
                f.computeMeis(FiltersView.MEI_NEURONS);
                return null;
            });
            tasks.awaitIdle(TIMEOUT_S * 4, TimeUnit.SECONDS);
        }
    }

    /**
     * Lists the sweep's settings in the training view (from the folder that holds it, as the
     * window's scan finds them), sorts them by validation score, best first, and selects the best
     * two, whose mean curves are then overlaid; the form holds the chosen setting.
     */
    private static void showSweep(WorkbenchModel model, MainWindow window, Path sweep, TaskRunner tasks) throws Exception {
        Path settings = sweep.getFileName().toString().endsWith(org.v1workbench.experiment.SettingFolder.SUFFIX) ? sweep : null;
        fx(() -> {
            if (settings != null) model.experiments().folderProperty().set(settings.getParent());
            return null;
        });
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
        Task<List<ExperimentSummary>> open = fx(() -> model.experiments().openSweep(sweep));
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
        try {
            open.get();
        } catch (ExecutionException e) {
            throw asException(e.getCause());
        }
        fx(() -> {
            var table = window.trainingView().table();
            var validation = table.getColumns().stream().filter(c -> "column-validation".equals(c.getId())).findFirst().orElseThrow();
            validation.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(validation));
            table.getSelectionModel().selectRange(0, Math.min(2, table.getItems().size()));
            // The form as "Train this configuration" fills it with the chosen setting.
            table.getItems().stream().filter(s -> s.sweep() != null && s.sweep().chosen()).findFirst().ifPresent(model.training()::load);
            return null;
        });
        tasks.awaitIdle(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The filter with the largest use summed over neurons. */
    static int mostUsedFilter(FiltersModel.Usage u) {
        int best = 0;
        double top = -1;
        for (int f = 0; f < u.values().length; f++) {
            double s = 0;
            for (double v : u.values()[f]) if (Double.isFinite(v)) s += Math.abs(v);
            if (s > top) {
                top = s;
                best = f;
            }
        }
        return best;
    }

    /**
     * The image that evokes the highest mean rate over all neurons, then the next strongest
     * images of its page (up to 8 in all), strongest first.
     */
    static int[] mostDrivingImages(Dataset d, int pageSize) {
        double[][] mean = d.meanResponses();
        double[] pop = new double[d.images()];
        for (int i = 0; i < d.images(); i++) pop[i] = Arrays.stream(mean[i]).filter(v -> !Double.isNaN(v)).average().orElse(0);
        int best = IntStream.range(0, d.images()).boxed().max(Comparator.comparingDouble(i -> pop[i])).orElse(0);
        int from = best / pageSize * pageSize, to = Math.min(d.images(), from + pageSize);
        int[] rest = IntStream.range(from, to).filter(i -> i != best).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -pop[i])).limit(7).mapToInt(Integer::intValue).toArray();
        int[] out = new int[rest.length + 1];
        out[0] = best;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /**
     * Starts JavaFX headless unless it runs already (tests); true if this call started it. Public
     * for the stall benchmark (org.v1workbench.bench), which shows the window headless too.
     */
    public static boolean startToolkit(int width, int height) throws InterruptedException {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
        WorkbenchApp.configureRendering();
        WorkbenchApp.quietConfigurationWarning();
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        if (!up.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("JavaFX did not start");
        Platform.setImplicitExit(false);
        return true;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }

    /**
     * Runs {@code work} on the JavaFX thread and waits for its result (its exception is rethrown
     * here). Public for the stall benchmark (org.v1workbench.bench), which drives the window.
     */
    public static <T> T fx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) return work.call();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw asException(e.getCause());
        }
    }

    static BufferedImage toBufferedImage(WritableImage fxImage) {
        int w = (int) fxImage.getWidth(), h = (int) fxImage.getHeight();
        int[] argb = new int[w * h];
        fxImage.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        return img;
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception e) return e;
        if (t instanceof Error e) throw e;
        return new RuntimeException(t);
    }
}
