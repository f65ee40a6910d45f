package io.dpforge.federated.secagg;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.dpforge.federated.aggregate.Admission;
import io.dpforge.federated.aggregate.CohortSum;
import io.dpforge.federated.aggregate.ContributionBound;
import io.dpforge.federated.core.ClientId;
import io.dpforge.federated.core.ModelVersion;
import io.dpforge.federated.proto.v1.MaskedInputChunk;
import io.dpforge.federated.proto.v1.MaskedInputHeader;
import io.dpforge.federated.proto.v1.MaskedValues;
import io.dpforge.federated.proto.v1.SecAggJoin;
import io.dpforge.federated.proto.v1.SecAggRequest;
import io.dpforge.federated.proto.v1.SecAggResponse;
import io.dpforge.federated.proto.v1.SubmitUpdateResponse;
import io.dpforge.federated.proto.v1.UpdateChunk;
import io.dpforge.federated.proto.v1.UpdateHeader;
import io.dpforge.federated.proto.v1.Values;
import io.dpforge.federated.security.CertificateAuthority;
import io.dpforge.federated.security.ContributionSignatures;
import io.dpforge.federated.security.RevocationList;
import io.dpforge.federated.security.SignerTrust;
import io.dpforge.federated.security.SigningKey;
import io.dpforge.federated.security.UpdateClaim;
import io.dpforge.federated.wire.Float32Chunks;
import io.dpforge.federated.wire.SecAggWire;
import io.dpforge.federated.wire.Versions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of secure aggregation per cohort: client CPU time per masked upload (all of a member's protocol
 * work: keys, shares, quantising and masking, revealing), the coordinator's unmasking time, and bytes on
 * the wire against the same update sent in the clear as float32. Members that drop do so after sharing
 * their keys, the costliest point for the coordinator (it must rebuild their mask keys and recompute their
 * masks with every surviving neighbour). Real protocol objects, real {@link SecureRandom}, no network:
 * wire bytes are the serialised v1 messages plus gRPC's 5-byte message prefix.
 *
 * <p>Run (see federated/README.md): {@code ./mvnw -B -ntp -pl federated -am -Pbench -DskipTests package
 * -Dbench.main=io.dpforge.federated.secagg.SecAggBenchmark -Dbench.args="--cohorts 50,100,500 --dropouts
 * 0,0.1,0.3 --dimension 7850"}
 */
public final class SecAggBenchmark {
  private static final int GRPC_PREFIX = 5;
  private static final int CHUNK_VALUES = 1 << 18;

  private SecAggBenchmark() {}

  /** One measured cohort. */
  record Row(int members, double dropout, int degree, int threshold, double clientCpuMeanMs, double clientCpuMaxMs,
      double unmaskMs, long bytesUp, long bytesDown, long plainUp, long plainDown) {}

  public static void main(String[] args) throws Exception {
    int[] cohorts = {50, 100, 500};
    double[] dropouts = {0, 0.1, 0.3};
    int dimension = 7850;
    boolean complete = false;
    boolean signed = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cohorts" -> cohorts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--dropouts" -> dropouts = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--dimension" -> dimension = Integer.parseInt(args[++i]);
        case "--complete" -> complete = true;
        case "--signed" -> signed = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (--cohorts N,.. --dropouts F,.. --dimension D [--complete] [--signed])");
      }
    }
    System.out.printf(Locale.ROOT, "SecAgg+ cost, dimension %d, 32-bit modulus, %s graph, %s, threat model"
        + " γ = 0.1, δ = 0.3, σ = 40; %d cores, load average %.1f at start%n", dimension,
        complete ? "complete" : "chosen", signed ? "signed keys and inputs (Ed25519, checked by peers and server)"
            : "unsigned",
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    measure(30, 0.1, dimension, complete, signed); // warms up the JIT; not reported
    System.out.println("| members | dropout | k | t | client CPU ms (mean / max) | unmask ms | bytes up / client"
        + " | bytes down / client | up vs float32 | up+down vs float32 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int n : cohorts) {
      for (double d : dropouts) {
        Row r = measure(n, d, dimension, complete, signed);
        System.out.printf(Locale.ROOT, "| %d | %.0f%% | %d | %d | %.1f / %.1f | %.1f | %,d | %,d | %.3f× | %.3f× |%n",
            r.members(), 100 * r.dropout(), r.degree(), r.threshold(), r.clientCpuMeanMs(), r.clientCpuMaxMs(),
            r.unmaskMs(), r.bytesUp(), r.bytesDown(), (double) r.bytesUp() / r.plainUp(),
            (double) (r.bytesUp() + r.bytesDown()) / (r.plainUp() + r.plainDown()));
      }
    }
    System.out.printf(Locale.ROOT, "load average %.1f at the end%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static Row measure(int n, double dropout, int dimension, boolean complete, boolean signed) throws Exception {
    // One thread plays every member in turn, so a round lasts n members' work: no round may time out.
    SecAggSettings settings = SecAggSettings.defaults().withStageTimeout(Duration.ofHours(1));
    if (complete) {
      settings = settings.withGraph(n - 1, settings.graphFor(n).threshold());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    CertificateAuthority ca = signed ? CertificateAuthority.create("bench CA", Duration.ofDays(1), new SecureRandom())
        : null;
    SignerTrust trust = signed ? new SignerTrust(ca.certificate()) : null;
    ContributionSignatures signatures = signed ? new ContributionSignatures(trust, RevocationList.NONE, null) : null;
    try (SecureAggregation engine = SecureAggregation.builder(settings).signatures(signatures).build()) {
      SecAggCohort cohort = engine.open("bench", 1, dimension);
      List<SecAggClient> clients = new ArrayList<>();
      List<ProtocolRun.Recorder> boxes = new ArrayList<>();
      List<CohortMember> seats = new ArrayList<>();
      List<SigningKey> signers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ClientId id = new ClientId("m" + i);
        SigningKey key = null;
        if (signed) {
          CertificateAuthority.Issued issued = ca.issueSigning(id.value());
          key = new SigningKey(issued.key(), issued.certificate());
          signatures.enroll(id, key.certificateDer());
        }
        signers.add(key);
        cohort.admit(new Admission(id, "u" + i, new ModelVersion(0, 0), "", 1.0 / n, 0, 100));
        ProtocolRun.Recorder r = new ProtocolRun.Recorder();
        CohortMember seat = cohort.member(id).orElseThrow();
        seat.attach(r);
        boxes.add(r);
        seats.add(seat);
        clients.add(new SecAggClient(id.value(), new SecureRandom(), key,
            signed ? new KeyVerification(trust, RevocationList.NONE) : null));
      }
      SplittableRandom data = new SplittableRandom(n);
      float[] update = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        update[j] = (float) (data.nextGaussian() * 0.01);
      }
      int drops = (int) Math.round(dropout * n);
      long[] cpuNanos = new long[n];
      long[] up = new long[n];
      long[] down = new long[n];
      var sealed = cohort.seal(ContributionBound.NONE);
      for (int i = 0; i < n; i++) {
        up[i] += size(SecAggRequest.newBuilder().setJoin(SecAggJoin.newBuilder().setUpdateId("u" + i)
            .setBaseVersion(Versions.toProto(new ModelVersion(0, 0))).setDimension(dimension).setNumExamples(100))
            .build());
        down[i] += size(SecAggResponse.newBuilder().setCohort(SecAggWire.toProto(boxes.get(i).formed)).build());
        long t0 = cpu.getCurrentThreadCpuTime();
        Rounds.AdvertisedKeys keys = clients.get(i).advertise(boxes.get(i).formed);
        cpuNanos[i] += cpu.getCurrentThreadCpuTime() - t0;
        up[i] += size(SecAggRequest.newBuilder().setKeys(SecAggWire.toProto(keys)).build());
        seats.get(i).advertise(keys);
      }
      for (int i = 0; i < n; i++) {
        down[i] += size(SecAggResponse.newBuilder().setKeys(SecAggWire.toProto(boxes.get(i).keys)).build());
        long t0 = cpu.getCurrentThreadCpuTime();
        Rounds.ShareBundle b = clients.get(i).shareKeys(boxes.get(i).keys);
        cpuNanos[i] += cpu.getCurrentThreadCpuTime() - t0;
        up[i] += size(SecAggRequest.newBuilder().setShares(SecAggWire.toProto(b.shares())).build());
        seats.get(i).share(b);
      }
      for (int i = 0; i < n; i++) {
        down[i] += size(SecAggResponse.newBuilder().setShares(SecAggWire.toProto(boxes.get(i).shares.shares()))
            .build());
        if (i < drops) {
          seats.get(i).disconnected();
          continue;
        }
        long t0 = cpu.getCurrentThreadCpuTime();
        clients.get(i).receiveShares(boxes.get(i).shares);
        long[] y = clients.get(i).maskedInput(update, new SplittableRandom(i));
        byte[] bytes = settings.modulus().encode(y, 0, y.length);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        byte[] signature = new byte[0];
        if (signed) {
          Rounds.CohortFormed f = boxes.get(i).formed;
          signature = signers.get(i).sign(new UpdateClaim("bench", "m" + i, "u" + i, new ModelVersion(0, 0), "", 100,
              dimension, digest, f.context().cohort(), f.factor()).statement());
        }
        cpuNanos[i] += cpu.getCurrentThreadCpuTime() - t0;
        up[i] += size(SecAggRequest.newBuilder().setMaskedInput(MaskedInputChunk.newBuilder().setHeader(
            MaskedInputHeader.newBuilder().setSha256(ByteString.copyFrom(digest)).setSignature(ByteString.copyFrom(
                signature)))).build());
        for (int from = 0; from < y.length; from += CHUNK_VALUES) {
          int len = Math.min(CHUNK_VALUES, y.length - from) * settings.modulus().bytes();
          up[i] += size(SecAggRequest.newBuilder().setMaskedInput(MaskedInputChunk.newBuilder().setValues(
              MaskedValues.newBuilder().setOffset(from).setValuesLe(ByteString.copyFrom(bytes,
                  from * settings.modulus().bytes(), len)))).build());
        }
        seats.get(i).beginInput(digest, signature);
        seats.get(i).inputChunk(0, bytes);
      }
      for (int i = drops; i < n; i++) {
        down[i] += size(SecAggResponse.newBuilder().setSurvivors(SecAggWire.toProto(boxes.get(i).survivors)).build());
        long t0 = cpu.getCurrentThreadCpuTime();
        Rounds.Reveal reveal = clients.get(i).reveal(boxes.get(i).survivors);
        cpuNanos[i] += cpu.getCurrentThreadCpuTime() - t0;
        up[i] += size(SecAggRequest.newBuilder().setReveal(SecAggWire.toProto(reveal)).build());
        seats.get(i).reveal(reveal);
      }
      CohortSum sum = sealed.toCompletableFuture().get(30, TimeUnit.MINUTES);
      if (sum.size() != n - drops) {
        throw new IllegalStateException("unmasked " + sum.size() + " inputs, expected " + (n - drops));
      }
      GraphChoice g = cohort.graph().orElseThrow();
      long[] survivors = Arrays.copyOfRange(cpuNanos, drops, n);
      long upSum = Arrays.stream(up, drops, n).sum();
      long downSum = Arrays.stream(down, drops, n).sum();
      int survived = n - drops;
      long[] plain = plainBytes(update, signed);
      return new Row(n, dropout, g.degree(), g.threshold(), Arrays.stream(survivors).average().orElse(0) / 1e6,
          Arrays.stream(survivors).max().orElse(0) / 1e6, cohort.unmaskNanos() / 1e6, upSum / survived,
          downSum / survived, plain[0], plain[1]);
    }
  }

  /** The same update sent in the clear with SubmitUpdate (signed like the masked one, or not): bytes up and down. */
  private static long[] plainBytes(float[] update, boolean signed) {
    UpdateHeader.Builder h = UpdateHeader.newBuilder().setUpdateId("u0")
        .setBaseVersion(Versions.toProto(new ModelVersion(0, 0))).setDimension(update.length).setNumExamples(100);
    if (signed) {
      h.setValuesSha256(ByteString.copyFrom(new byte[32])).setSignature(ByteString.copyFrom(new byte[64]));
    }
    long up = size(UpdateChunk.newBuilder().setHeader(h).build());
    for (int from = 0; from < update.length; from += CHUNK_VALUES) {
      int len = Math.min(CHUNK_VALUES, update.length - from);
      up += size(UpdateChunk.newBuilder().setValues(Values.newBuilder().setOffset(from)
          .setFloat32Le(Float32Chunks.encode(update, from, len))).build());
    }
    long down = size(SubmitUpdateResponse.newBuilder().setUpdateId("u0").build());
    return new long[] {up, down};
  }

  private static long size(MessageLite m) {
    return m.getSerializedSize() + GRPC_PREFIX;
  }
}
