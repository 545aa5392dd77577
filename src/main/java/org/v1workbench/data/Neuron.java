package org.v1workbench.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded (or simulated) neuron: its id, the session it was recorded in, and any known
 * properties (ground truth from the simulator, INDCENT from pvc-8...), kept as the strings of
 * {@code neurons.csv} so that no column is lost on a round trip.
 */
public record Neuron(String id, String session, Map<String, String> properties) {
    public Neuron {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
    }

    public Neuron(String id, String session) {
        this(id, session, Map.of());
    }

    /** A property's value, or null where the neuron does not have it (or it is empty). */
    public String property(String name) {
        String v = properties.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
