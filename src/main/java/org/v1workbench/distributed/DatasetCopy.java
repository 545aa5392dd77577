package org.v1workbench.distributed;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Neuron;
import org.v1workbench.data.ResponseKind;
import org.v1workbench.data.Tier;
import org.v1workbench.data.Tiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A dataset as plain serializable values, for a Spark broadcast: small datasets travel to the
 * executors with the job instead of needing a filesystem that every machine shares. Rebuilt on
 * an executor it is the same dataset, checksum included.
 */
final class DatasetCopy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name, source, location;
    private final int images, height, width, repeats;
    private final float[] stimuli, responses;
    private final List<String[]> neurons = new ArrayList<>();
    private final List<LinkedHashMap<String, String>> properties = new ArrayList<>();
    private final double windowSeconds;
    private final ResponseKind responseKind;
    private final String unit;
    private final Tier[] tiers;
    private final LinkedHashMap<String, String> notes;

    DatasetCopy(Dataset d) {
        name = d.name();
        source = d.source();
        location = d.location();
        images = d.images();
        height = d.height();
        width = d.width();
        repeats = d.repeats();
        stimuli = d.stimuliArray();
        responses = d.responsesArray();
        for (Neuron n : d.neurons()) {
            neurons.add(new String[]{n.id(), n.session()});
            properties.add(new LinkedHashMap<>(n.properties()));
        }
        windowSeconds = d.windowSeconds();
        responseKind = d.responseKind();
        unit = d.unit();
        tiers = new Tier[images];
        for (int i = 0; i < images; i++) tiers[i] = d.tiers().of(i);
        notes = new LinkedHashMap<>(d.notes());
    }

    /** Bytes of the arrays: what decides between a broadcast and reading by path. */
    static long bytes(Dataset d) {
        return 4L * d.images() * d.height() * d.width() + 4L * d.images() * d.repeats() * d.neuronCount();
    }

    Dataset toDataset() {
        List<Neuron> ns = new ArrayList<>();
        for (int i = 0; i < neurons.size(); i++) ns.add(new Neuron(neurons.get(i)[0], neurons.get(i)[1], properties.get(i)));
        return Dataset.builder().name(name).source(source).location(location).stimuli(stimuli, images, height, width)
                .responses(responses, repeats, ns.size()).neurons(ns).windowSeconds(windowSeconds)
                .responseKind(responseKind).unit(unit).tiers(Tiers.of(tiers))
                .notes(notes).build();
    }
}
