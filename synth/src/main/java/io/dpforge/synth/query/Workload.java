package io.dpforge.synth.query;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered list of {@link QuerySet}s over one {@link DomainLayout}, with their answers laid out in
 * one vector: set {@code s} owns the entries {@code [offset(s), offset(s) + set(s).size())}. Serialisable,
 * so a distributed job can ship it to executors and count every answer in one pass
 * ({@link WorkloadAnswerer}).
 */
public final class Workload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DomainLayout layout;
  private final QuerySet[] sets;
  private final int[] offsets;
  private final int[][] setsReading;

  /** A workload of the given sets; a set whose name repeats an earlier one is dropped. */
  public Workload(DomainLayout layout, List<? extends QuerySet> querySets) {
    this.layout = layout;
    List<QuerySet> unique = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (QuerySet q : querySets) {
      if (names.add(q.name())) {
        unique.add(q);
      }
    }
    if (unique.isEmpty()) {
      throw new io.dpforge.dp.data.InvalidInputException("the workload holds no query set");
    }
    this.sets = unique.toArray(new QuerySet[0]);
    this.offsets = new int[sets.length + 1];
    for (int s = 0; s < sets.length; s++) {
      long next = (long) offsets[s] + sets[s].size();
      if (next > Integer.MAX_VALUE - 8) {
        throw new io.dpforge.dp.data.InvalidInputException("the workload has more than 2^31 answers");
      }
      offsets[s + 1] = (int) next;
    }
    this.setsReading = new int[layout.columns()][];
    for (int c = 0; c < layout.columns(); c++) {
      List<Integer> reading = new ArrayList<>();
      for (int s = 0; s < sets.length; s++) {
        if (sets[s].reads(c)) {
          reading.add(s);
        }
      }
      setsReading[c] = reading.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  public DomainLayout layout() {
    return layout;
  }

  /** Number of query sets. */
  public int sets() {
    return sets.length;
  }

  public QuerySet set(int s) {
    return sets[s];
  }

  public List<QuerySet> querySets() {
    return List.of(sets);
  }

  /** Index of the first answer of set {@code s} in the answer vector. */
  public int offset(int s) {
    return offsets[s];
  }

  /** Total number of answers (queries) in the workload. */
  public int answers() {
    return offsets[sets.length];
  }

  /** Indices of the sets that read {@code column}. */
  public int[] setsReading(int column) {
    return setsReading[column].clone();
  }

  /** The workload holding only the sets at {@code indices}, in that order. */
  public Workload subset(int[] indices) {
    List<QuerySet> picked = new ArrayList<>(indices.length);
    for (int s : indices) {
      picked.add(sets[s]);
    }
    return new Workload(layout, picked);
  }

  /** Index of the set with that name, or -1. */
  public int indexOf(String name) {
    for (int s = 0; s < sets.length; s++) {
      if (sets[s].name().equals(name)) {
        return s;
      }
    }
    return -1;
  }
}
