package org.v1workbench.ui.common;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.Preferences;

/**
 * Key-value settings: the user's {@link Preferences} for the real window, a map for tests and
 * {@code snapshot} (which must not change the user's recent files or window layout).
 */
public interface SettingsStore {
    String get(String key, String fallback);

    void put(String key, String value);

    void remove(String key);

    /** The user's preferences under {@code org/v1workbench/ui}. */
    static SettingsStore user() {
        Preferences node = Preferences.userRoot().node("org/v1workbench/ui");
        return new SettingsStore() {
            @Override
            public String get(String key, String fallback) {
                return node.get(key, fallback);
            }

            @Override
            public void put(String key, String value) {
                node.put(key, value);
            }

            @Override
            public void remove(String key) {
                node.remove(key);
            }
        };
    }

    static SettingsStore inMemory() {
        Map<String, String> map = new HashMap<>();
        return new SettingsStore() {
            @Override
            public synchronized String get(String key, String fallback) {
                return map.getOrDefault(key, fallback);
            }

            @Override
            public synchronized void put(String key, String value) {
                map.put(key, value);
            }

            @Override
            public synchronized void remove(String key) {
                map.remove(key);
            }
        };
    }
}
