package org.v1workbench.ui.dataset;

import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.concurrent.Task;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;
import org.v1workbench.figure.GreyImages;
import org.v1workbench.ui.common.TaskRunner;
import org.v1workbench.ui.dataset.BrowserData.ImageResponse;
import org.v1workbench.ui.dataset.BrowserData.Raster;
import org.v1workbench.ui.dataset.BrowserData.Thumbnail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The dataset browser's state, apart from its view (no scene-graph types here): the page of
 * stimulus thumbnails, the selected images, the neuron table with its filters, and the data of the
 * response chart and the raster. Changes happen on the JavaFX thread; everything that takes time
 * (per-neuron statistics, CC_max, thumbnails) runs in tasks of the {@link TaskRunner}.
 */
public final class DatasetBrowserModel {
    /** Neuron property that carries the ground-truth cell type (simulated data). */
    public static final String CELL_TYPE = "cell_type";
    /** Longest side of a thumbnail and of the preview, in screen pixels. */
    public static final int THUMBNAIL_PX = 96, PREVIEW_PX = 160;

    private final TaskRunner tasks;
    private final ToDoubleFunction<double[][]> ccMax;
    private final int pageSize;

    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final IntegerProperty page = new SimpleIntegerProperty(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ObservableList<Thumbnail> thumbnails = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper focusImage = new ReadOnlyIntegerWrapper(this, "focusImage", -1);
    private final ObservableList<Integer> selectedImages = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Thumbnail> preview = new ReadOnlyObjectWrapper<>(this, "preview");

    private final ObservableList<NeuronRow> rows = FXCollections.observableArrayList(
            r -> new Observable[]{r.imageLevelProperty(), r.ccMaxProperty()});
    private final FilteredList<NeuronRow> filteredRows = new FilteredList<>(rows);
    private final SortedList<NeuronRow> shownRows = new SortedList<>(filteredRows);
    private final ObservableList<String> sessions = FXCollections.observableArrayList();
    private final ObservableList<String> cellTypes = FXCollections.observableArrayList();
    private final ObjectProperty<String> sessionFilter = new SimpleObjectProperty<>(this, "sessionFilter");
    private final ObjectProperty<String> cellTypeFilter = new SimpleObjectProperty<>(this, "cellTypeFilter");
    private final DoubleProperty minRateHz = new SimpleDoubleProperty(this, "minRateHz", 0);
    private final StringProperty idFilter = new SimpleStringProperty(this, "idFilter", "");
    private final ObjectProperty<NeuronRow> selectedNeuron = new SimpleObjectProperty<>(this, "selectedNeuron");
    private final ReadOnlyBooleanWrapper ccMaxAvailable = new ReadOnlyBooleanWrapper(this, "ccMaxAvailable");
    /** The unit of every response shown (the dataset's; Hz while none is open), for headers and axes. */
    private final ReadOnlyStringWrapper unit = new ReadOnlyStringWrapper(this, "unit", "Hz");
    /** Whether the responses are firing (counts or rates): only then does a minimum rate in Hz mean something. */
    private final ReadOnlyBooleanWrapper firing = new ReadOnlyBooleanWrapper(this, "firing", true);

    private final ReadOnlyObjectWrapper<ImageResponse> response = new ReadOnlyObjectWrapper<>(this, "response");
    private final ReadOnlyObjectWrapper<Raster> raster = new ReadOnlyObjectWrapper<>(this, "raster");

    // Read-only views, made once: such a view listens to its source weakly, so a view made per
    // call could be collected together with the listeners that a view added to it.
    private final ObservableList<Thumbnail> readThumbnails = FXCollections.unmodifiableObservableList(thumbnails);
    private final ObservableList<Integer> readSelectedImages = FXCollections.unmodifiableObservableList(selectedImages);
    private final ObservableList<NeuronRow> readRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> readSessions = FXCollections.unmodifiableObservableList(sessions);
    private final ObservableList<String> readCellTypes = FXCollections.unmodifiableObservableList(cellTypes);

    private GreyImages.Range greyRange = new GreyImages.Range(0, 1);
    private int generation;
    private boolean responseQueued;
    private Task<?> thumbnailTask, ccMaxTask, summaryTask;

    /**
     * @param ccMax the noise ceiling of one neuron from its {@code images x repeats} responses
     *              (NaN for missing repeats), or null where it cannot be computed yet
     */
    public DatasetBrowserModel(TaskRunner tasks, ToDoubleFunction<double[][]> ccMax, int pageSize) {
        if (pageSize < 1) throw new IllegalArgumentException("page size " + pageSize);
        this.tasks = tasks;
        this.ccMax = ccMax;
        this.pageSize = pageSize;
        filteredRows.predicateProperty().bind(Bindings.createObjectBinding(this::filter,
                sessionFilter, cellTypeFilter, minRateHz, idFilter));
        page.addListener((obs, was, now) -> {
            int clamped = Math.max(0, Math.min(now.intValue(), Math.max(0, pageCount.get() - 1)));
            if (clamped != now.intValue()) page.set(clamped);
            else renderPage();
        });
        shownRows.addListener((javafx.collections.ListChangeListener<NeuronRow>) c -> queueResponse());
        focusImage.addListener((obs, was, now) -> {
            updateImageRates();
            updatePreview();
            queueResponse();
        });
        selectedImages.addListener((javafx.collections.ListChangeListener<Integer>) c -> updateRaster());
        selectedNeuron.addListener((obs, was, now) -> updateRaster());
    }

    /** Shows {@code d}: table rows and thumbnails arrive from background tasks. */
    public void show(Dataset d) {
        generation++;
        for (Task<?> t : new Task<?>[]{thumbnailTask, ccMaxTask, summaryTask}) if (t != null) t.cancel(true);
        unit.set(d.unit());
        firing.set(d.responseKind().firing());
        dataset.set(d);
        selectedNeuron.set(null);
        rows.clear();
        thumbnails.clear();
        selectedImages.clear();
        focusImage.set(-1);
        sessionFilter.set(null);
        cellTypeFilter.set(null);
        idFilter.set("");
        minRateHz.set(0);
        sessions.setAll(d.sessions());
        TreeSet<String> types = new TreeSet<>();
        for (Neuron n : d.neurons()) if (n.property(CELL_TYPE) != null) types.add(n.property(CELL_TYPE));
        cellTypes.setAll(types);
        ccMaxAvailable.set(ccMax != null && d.repeats() > 1);
        pageCount.set((d.images() + pageSize - 1) / pageSize);
        int gen = generation;
        Task<Summary> t = new Task<>() {
            @Override
            protected Summary call() {
                updateMessage("Summarising " + d.neuronCount() + " neurons of " + d.name());
                double[] rates = d.meanLevels();
                List<NeuronRow> list = new ArrayList<>(d.neuronCount());
                for (int n = 0; n < d.neuronCount(); n++) {
                    Neuron neuron = d.neuron(n);
                    list.add(new NeuronRow(n, neuron.id(), neuron.session(), neuron.property(CELL_TYPE), rates[n]));
                }
                return new Summary(list, GreyImages.range(d.stimuliArray()));
            }
        };
        t.setOnSucceeded(e -> {
            if (gen != generation) return;
            Summary s = t.getValue();
            greyRange = s.range();
            rows.setAll(s.rows());
            if (page.get() != 0) page.set(0);
            else renderPage();
            select(0, false);
            computeCcMax(d, s.rows(), gen);
        });
        summaryTask = tasks.run(t, true);
    }

    private record Summary(List<NeuronRow> rows, GreyImages.Range range) {}

    private void computeCcMax(Dataset d, List<NeuronRow> list, int gen) {
        if (!ccMaxAvailable.get()) return;
        Task<double[]> t = new Task<>() {
            @Override
            protected double[] call() {
                double[] out = new double[list.size()];
                for (int n = 0; n < list.size(); n++) {
                    if (isCancelled()) return out;
                    updateMessage("CC_max of neuron " + (n + 1) + " of " + list.size());
                    updateProgress(n, list.size());
                    out[n] = ccMax.applyAsDouble(d.repeatsOf(list.get(n).index()));
                }
                return out;
            }
        };
        t.setOnSucceeded(e -> {
            if (gen != generation) return;
            double[] v = t.getValue();
            for (int n = 0; n < list.size(); n++) list.get(n).setCcMax(v[n]);
        });
        ccMaxTask = tasks.run(t, true);
    }

    private void renderPage() {
        Dataset d = dataset.get();
        if (d == null) return;
        if (thumbnailTask != null) thumbnailTask.cancel(true);
        int from = page.get() * pageSize, to = Math.min(d.images(), from + pageSize);
        GreyImages.Range range = greyRange;
        int gen = generation;
        Task<List<Thumbnail>> t = new Task<>() {
            @Override
            protected List<Thumbnail> call() {
                List<Thumbnail> out = new ArrayList<>();
                for (int i = from; i < to && !isCancelled(); i++) out.add(render(d, i, range, THUMBNAIL_PX));
                return out;
            }
        };
        t.setOnSucceeded(e -> {
            if (gen == generation) thumbnails.setAll(t.getValue());
        });
        thumbnailTask = tasks.run(t, false);
    }

    static Thumbnail render(Dataset d, int image, GreyImages.Range range, int target) {
        int[] size = GreyImages.displaySize(d.height(), d.width(), target);
        int[] argb = GreyImages.argb(d.stimulus(image), d.height(), d.width(), range, size[0], size[1]);
        return new Thumbnail(image, d.tiers().of(image), size[1], size[0], argb);
    }

    /**
     * Puts {@code image} in focus (the response chart shows it). With {@code extend} the image is
     * added to (or, if there already, removed from) the selection that the raster shows; without,
     * it becomes the only selected image.
     */
    public void select(int image, boolean extend) {
        Dataset d = dataset.get();
        if (d == null || image < 0 || image >= d.images()) return;
        if (!extend) {
            selectedImages.setAll(image);
            focusImage.set(image);
            return;
        }
        TreeSet<Integer> s = new TreeSet<>(selectedImages);
        if (s.contains(image) && s.size() > 1) {
            s.remove(image);
            selectedImages.setAll(s);
            if (focusImage.get() == image) focusImage.set(s.last());
        } else {
            s.add(image);
            selectedImages.setAll(s);
            focusImage.set(image);
        }
    }

    /** Turns to the page that holds {@code image} and puts it in focus, the only image selected. */
    public void reveal(int image) {
        Dataset d = dataset.get();
        if (d == null || image < 0 || image >= d.images()) return;
        page.set(image / pageSize);
        select(image, false);
    }

    /** Adds every image of the current page to the selection. */
    public void selectPage() {
        Dataset d = dataset.get();
        if (d == null) return;
        LinkedHashSet<Integer> s = new LinkedHashSet<>(selectedImages);
        int from = page.get() * pageSize, to = Math.min(d.images(), from + pageSize);
        for (int i = from; i < to; i++) s.add(i);
        selectedImages.setAll(new TreeSet<>(s));
    }

    private Predicate<NeuronRow> filter() {
        String session = sessionFilter.get(), type = cellTypeFilter.get();
        double min = minRateHz.get();
        String id = idFilter.get() == null ? "" : idFilter.get().trim().toLowerCase(Locale.ROOT);
        return r -> (session == null || session.equals(r.session()))
                && (type == null || type.equals(r.cellType()))
                && (!(min > 0) || r.meanLevel() >= min)
                && (id.isEmpty() || r.id().toLowerCase(Locale.ROOT).contains(id));
    }

    private void updateImageRates() {
        Dataset d = dataset.get();
        int image = focusImage.get();
        for (NeuronRow r : rows) r.setImageLevel(d == null || image < 0 ? Double.NaN : d.meanLevel(image, r.index()));
    }

    private void updatePreview() {
        Dataset d = dataset.get();
        int image = focusImage.get();
        preview.set(d == null || image < 0 ? null : render(d, image, greyRange, PREVIEW_PX));
    }

    /** Coalesces the many row updates of one change into one recomputation of the chart data. */
    private void queueResponse() {
        if (responseQueued) return;
        responseQueued = true;
        Platform.runLater(() -> {
            responseQueued = false;
            updateResponse();
        });
    }

    private void updateResponse() {
        Dataset d = dataset.get();
        int image = focusImage.get();
        if (d == null || image < 0 || rows.isEmpty()) {
            response.set(null);
            return;
        }
        List<NeuronRow> shown = List.copyOf(shownRows);
        int reps = d.repeats();
        double[] mean = new double[shown.size()];
        double[][] rep = new double[shown.size()][reps];
        for (int k = 0; k < shown.size(); k++) {
            int n = shown.get(k).index();
            mean[k] = d.meanLevel(image, n);
            for (int r = 0; r < reps; r++) rep[k][r] = d.response(image, r, n) * d.displayScale();
        }
        response.set(new ImageResponse(image, d.tiers().of(image), shown, mean, rep, reps));
    }

    private void updateRaster() {
        Dataset d = dataset.get();
        NeuronRow row = selectedNeuron.get();
        if (d == null || row == null || selectedImages.isEmpty()) {
            raster.set(null);
            return;
        }
        int[] images = selectedImages.stream().mapToInt(Integer::intValue).toArray();
        double[][] rep = new double[images.length][d.repeats()];
        for (int k = 0; k < images.length; k++)
            for (int r = 0; r < d.repeats(); r++) rep[k][r] = d.response(images[k], r, row.index()) * d.displayScale();
        raster.set(new Raster(row, images, rep));
    }

    /** The grey levels shown as black and white (the dataset's whole range). */
    public GreyImages.Range greyRange() { return greyRange; }
    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    public IntegerProperty pageProperty() { return page; }
    public ReadOnlyIntegerProperty pageCountProperty() { return pageCount.getReadOnlyProperty(); }
    public int pageSize() { return pageSize; }
    public ObservableList<Thumbnail> thumbnails() { return readThumbnails; }
    public ReadOnlyIntegerProperty focusImageProperty() { return focusImage.getReadOnlyProperty(); }
    public ObservableList<Integer> selectedImages() { return readSelectedImages; }
    public ReadOnlyObjectProperty<Thumbnail> previewProperty() { return preview.getReadOnlyProperty(); }
    /** Every neuron of the dataset, in dataset order. */
    public ObservableList<NeuronRow> rows() { return readRows; }
    /** The neurons that pass the filters, in table order (bind its comparator to the table's). */
    public SortedList<NeuronRow> shownRows() { return shownRows; }
    public ObservableList<String> sessions() { return readSessions; }
    /** Ground-truth cell types present (empty for recordings). */
    public ObservableList<String> cellTypes() { return readCellTypes; }
    /** Session to show, null for all. */
    public ObjectProperty<String> sessionFilterProperty() { return sessionFilter; }
    /** Cell type to show, null for all. */
    public ObjectProperty<String> cellTypeFilterProperty() { return cellTypeFilter; }
    /** Hide neurons whose mean rate is below this (Hz; only firing datasets offer it, see {@link #firingProperty()}). */
    public DoubleProperty minRateHzProperty() { return minRateHz; }
    /** Show only neurons whose id contains this text. */
    public StringProperty idFilterProperty() { return idFilter; }
    public ObjectProperty<NeuronRow> selectedNeuronProperty() { return selectedNeuron; }
    /** True when CC_max can be computed (repeats exist and a metric is available). */
    public ReadOnlyBooleanProperty ccMaxAvailableProperty() { return ccMaxAvailable.getReadOnlyProperty(); }
    /** The unit responses are shown in: the open dataset's ("Hz" for spike counts, "dF/F", "z"). */
    public ReadOnlyStringProperty unitProperty() { return unit.getReadOnlyProperty(); }
    /** True where the dataset's responses are spike counts or rates (the minimum-rate filter applies). */
    public ReadOnlyBooleanProperty firingProperty() { return firing.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ImageResponse> responseProperty() { return response.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Raster> rasterProperty() { return raster.getReadOnlyProperty(); }
}
