package senslab.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** This session's executed cells, for the protocol's history requests (tail, range and search). */
final class History implements HistoryManager {

    private static final int SESSION = 1;
    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int cellNumber, String input, String output) {
        entries.add(new HistoryEntry(SESSION, cellNumber, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - length);
        return shaped(entries.subList(from, entries.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= start && e.getCellNumber() < stop) {
                found.add(e);
            }
        }
        return shaped(found, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern =
                Pattern.compile(glob.replace(".", "\\.").replace("*", ".*").replace("?", "."), Pattern.DOTALL);
        Map<String, HistoryEntry> found = new LinkedHashMap<>();
        List<HistoryEntry> all = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (pattern.matcher(e.getInput()).matches()) {
                all.add(e);
                found.remove(e.getInput());
                found.put(e.getInput(), e);
            }
        }
        List<HistoryEntry> chosen = flags.contains(ResultFlag.UNIQUE) ? new ArrayList<>(found.values()) : all;
        int from = length > 0 ? Math.max(0, chosen.size() - length) : 0;
        return shaped(chosen.subList(from, chosen.size()), flags);
    }

    private static List<HistoryEntry> shaped(List<HistoryEntry> found, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : found) {
            out.add(flags.contains(ResultFlag.INCLUDE_OUTPUT) ? e
                    : new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), null));
        }
        return out;
    }
}
