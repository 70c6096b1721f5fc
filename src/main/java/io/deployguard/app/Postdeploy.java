package io.deployguard.app;

import io.deployguard.aws.AlarmRequirement;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.Deadline;
import io.deployguard.aws.DurationText;
import io.deployguard.aws.SecurityGroupPolicy;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.net.URI;
import java.net.URISyntaxException;
import io.deployguard.terraform.Plan;
import io.deployguard.terraform.PlanReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The post-deploy check, for the {@code remediate}, {@code alarms} and {@code postdeploy} commands
 * (and through them the Jenkins step and GitLab jobs): live security groups judged by
 * the SG policy and, when asked, the violating ingress rules revoked; the CloudWatch alarms the
 * configuration requires verified and, when asked, created. Either part can run alone. Nothing in
 * AWS changes unless the request says {@code apply}.
 *
 * <p>{@link #prepare} gives the check of a request; {@link Check#toScan} is what {@link ScanRun} runs.
 */
public final class Postdeploy {

  /**
   * Where AWS is and who calls it.
   *
   * @param regions regions to check; empty for the configuration's, else the profile's or
   *     environment's
   * @param profile named profile for credentials and region, or {@code null}
   * @param endpoint endpoint for every AWS call (an emulator, a VPC endpoint), or {@code null} for
   *     the SDK's own resolution ({@code AWS_ENDPOINT_URL} included)
   * @param credentials credentials resolved by the caller (a CI server's store), or {@code null}
   *     for the profile or the default chain
   * @param timeout the run's overall deadline ({@code --timeout}); {@code null} for {@link Deadline#DEFAULT}
   */
  public record Aws(List<String> regions, String profile, URI endpoint, AwsCredentialsProvider credentials,
      Duration timeout) {
    public Aws {
      // A region given twice is scanned once.
      regions = regions == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(regions));
      if (profile != null && credentials != null) {
        throw new ConfigException("profile " + profile + ": give either a profile or credentials, not both");
      }
      timeout = timeout == null ? Deadline.DEFAULT : timeout;
      if (timeout.isNegative() || timeout.isZero()) {
        throw new ConfigException("--timeout " + DurationText.format(timeout) + ": must be longer than 0s");
      }
    }

    public Aws(List<String> regions, String profile, URI endpoint, AwsCredentialsProvider credentials) {
      this(regions, profile, endpoint, credentials, null);
    }

    AwsClients clients() {
      return AwsClients.of(profile, endpoint, credentials);
    }

    /** The request's regions, else {@code configured}, else the profile's or environment's region. */
    List<String> regions(List<String> configured) {
      if (!regions.isEmpty()) {
        return regions;
      }
      return configured.isEmpty() ? List.of(clients().defaultRegion()) : List.copyOf(new java.util.LinkedHashSet<>(configured));
    }
  }

  /**
   * Which security groups to judge and how far remediation may go; empty or {@code null} values
   * take the configuration's {@code remediate:} settings.
   *
   * @param groupIds only these groups
   * @param vpcIds only groups in these VPCs
   * @param tags only groups with all these tags ({@code *} as a value: any value)
   * @param maxRevocations never revoke more rules in one run
   * @param notifyTopic SNS topic ARN told about violations
   * @param audit file the audit record of every decision is written to, or {@code null}
   */
  public record SecurityGroupChecks(List<String> groupIds, List<String> vpcIds, Map<String, String> tags,
      Integer maxRevocations, String notifyTopic, Path audit) {
    public SecurityGroupChecks {
      groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
      vpcIds = vpcIds == null ? List.of() : List.copyOf(vpcIds);
      tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
      if (maxRevocations != null && maxRevocations < 0) {
        throw new ConfigException("--max-revocations: must be 0 or more, got " + maxRevocations);
      }
    }

    /** The same selection and topic with another limit and audit path. */
    SecurityGroupChecks with(Integer maxRevocations, Path audit) {
      return new SecurityGroupChecks(groupIds, vpcIds, tags, maxRevocations, notifyTopic, audit);
    }
  }

  /**
   * Which alarms to require beyond the configuration's, and whether to create the missing ones.
   *
   * @param clusters EKS clusters whose node-disk alarm is required
   * @param createMissing create missing alarms from their templates (only with the request's
   *     {@code apply}; without it, say what would be created)
   * @param actions actions of created alarms; empty for the configuration's {@code alarms.actions}
   */
  public record AlarmChecks(List<String> clusters, boolean createMissing, List<String> actions) {
    public AlarmChecks {
      clusters = clusters == null ? List.of() : List.copyOf(clusters);
      actions = actions == null ? List.of() : List.copyOf(actions);
    }
  }

  /**
   * What to check and how to judge it.
   *
   * @param baseDir the folder relative paths (the plan, the audit record) are read from and written to
   * @param aws where AWS is
   * @param apply revoke violating rules, and create missing alarms when {@code createMissing}
   * @param securityGroups the security-group part, or {@code null} to skip it
   * @param alarms the alarm part, or {@code null} to skip it
   * @param plan a Terraform plan JSON whose declared rules live rules are compared with (DRIFT001),
   *     or {@code null}
   * @param today the day exemption expiry is judged against, the run's ({@link ScanOptions#today})
   */
  public record Request(
      Path baseDir,
      Aws aws,
      boolean apply,
      SecurityGroupChecks securityGroups,
      AlarmChecks alarms,
      Path plan,
      LocalDate today) {

    public Request {
      Objects.requireNonNull(baseDir, "baseDir");
      Objects.requireNonNull(aws, "aws");
      Objects.requireNonNull(today, "today");
      if (securityGroups == null && alarms == null) {
        throw new ConfigException("nothing to check: enable the security-group part, the alarm part or both");
      }
    }

    /** A request for {@code baseDir} checking security groups and alarms, changing nothing. */
    public static Builder in(Path baseDir) {
      return new Builder(baseDir);
    }

    /** Fills a {@link Request} one setting at a time; unset values take the configuration's. */
    public static final class Builder {
      private final Path baseDir;
      private final List<String> regions = new ArrayList<>();
      private String profile;
      private URI endpoint;
      private AwsCredentialsProvider credentials;
      private Duration timeout;
      private boolean apply;
      private boolean remediate = true;
      private boolean alarms = true;
      private final List<String> groupIds = new ArrayList<>();
      private final List<String> vpcIds = new ArrayList<>();
      private final Map<String, String> tags = new LinkedHashMap<>();
      private Integer maxRevocations;
      private String notify;
      private Path audit;
      private Path plan;
      private final List<String> clusters = new ArrayList<>();
      private boolean createMissing;
      private final List<String> alarmActions = new ArrayList<>();
      private LocalDate today = LocalDate.now(ZoneOffset.UTC);

      private Builder(Path baseDir) {
        this.baseDir = baseDir;
      }

      /** Adds a region; {@code null} or blank (an empty form field) adds nothing. */
      public Builder region(String r) {
        if (r != null && !r.isBlank()) {
          regions.add(r.trim());
        }
        return this;
      }

      public Builder regions(List<String> rs) {
        rs.forEach(this::region);
        return this;
      }

      /** A named AWS profile; {@code null} or blank for none. */
      public Builder profile(String p) {
        this.profile = p == null || p.isBlank() ? null : p.trim();
        return this;
      }

      /**
       * Sends every AWS call to {@code url}; {@code null} or blank for the SDK's own resolution.
       *
       * @throws ConfigException when {@code url} is not an absolute URL
       */
      public Builder endpointUrl(String url) {
        if (url == null || url.isBlank()) {
          this.endpoint = null;
          return this;
        }
        try {
          URI u = new URI(url.trim());
          if (!u.isAbsolute() || u.getHost() == null
              || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
            throw new URISyntaxException(url, "not an absolute URL");
          }
          this.endpoint = u;
        } catch (URISyntaxException e) {
          throw new ConfigException("--endpoint-url " + url + ": not a URL (write it like http://127.0.0.1:5000)");
        }
        return this;
      }

      public Builder endpoint(URI u) {
        this.endpoint = u;
        return this;
      }

      /** Credentials to sign with; {@code null} for the profile or the default chain. */
      public Builder credentials(AwsCredentialsProvider c) {
        this.credentials = c;
        return this;
      }

      /** The run's overall deadline; {@code null} for {@link Deadline#DEFAULT}. */
      public Builder timeout(Duration d) {
        this.timeout = d;
        return this;
      }

      public Builder apply(boolean b) {
        this.apply = b;
        return this;
      }

      /** Whether to judge (and with {@link #apply} remediate) security groups; on by default. */
      public Builder remediate(boolean b) {
        this.remediate = b;
        return this;
      }

      /** Whether to verify the required alarms; on by default. */
      public Builder alarms(boolean b) {
        this.alarms = b;
        return this;
      }

      public Builder groupIds(List<String> ids) {
        groupIds.addAll(ids);
        return this;
      }

      public Builder vpcIds(List<String> ids) {
        vpcIds.addAll(ids);
        return this;
      }

      public Builder tags(Map<String, String> t) {
        tags.putAll(t);
        return this;
      }

      public Builder maxRevocations(Integer n) {
        this.maxRevocations = n;
        return this;
      }

      /** The SNS topic told about violations; {@code null} for the configuration's. */
      public Builder notify(String topicArn) {
        this.notify = topicArn;
        return this;
      }

      public Builder audit(Path p) {
        this.audit = p;
        return this;
      }

      public Builder plan(Path p) {
        this.plan = p;
        return this;
      }

      public Builder clusters(List<String> names) {
        clusters.addAll(names);
        return this;
      }

      public Builder createMissingAlarms(boolean b) {
        this.createMissing = b;
        return this;
      }

      public Builder alarmActions(List<String> topicArns) {
        alarmActions.addAll(topicArns);
        return this;
      }

      /** The day exemption expiry is judged against; today's UTC date unless set. */
      public Builder today(LocalDate day) {
        this.today = day;
        return this;
      }

      /** @throws ConfigException when a value is out of range or both parts are off */
      public Request build() {
        return new Request(baseDir, new Aws(regions, profile, endpoint, credentials, timeout), apply,
            remediate ? new SecurityGroupChecks(groupIds, vpcIds, tags, maxRevocations, notify, audit) : null,
            alarms ? new AlarmChecks(clusters, createMissing, alarmActions) : null,
            plan, today);
      }
    }
  }

  /**
   * A prepared check: its jobs only read and go through {@link ScanRunner} with its rules; {@link
   * #finish}, once the run is judged, decides and acts (revocations, created alarms, notification,
   * audit record) and adds what it did to the result. One check is run once.
   */
  public interface Check {
    /** The inputs to read (one per region for security groups, one for alarms). */
    List<ScanRunner.Job> jobs();

    /** The rules this check evaluates, for reports that list rules. */
    List<RuleMetadata> rules();

    /** The result with the notes and errors of what was done after the jobs ran. */
    ScanResult finish(ScanResult result);

    /** Lowers the revocation limit before {@link #finish} (an organisation run's budget left). */
    default void limitRevocations(int max) {}

    /** The rules {@link #finish} revoked, or would have revoked in a dry run. */
    default int revocations() {
      return 0;
    }

    /** Files this check reads (the request's plan), which no report may overwrite. */
    default List<Path> reads() {
      return List.of();
    }

    /** This check as the scan {@link ScanRun} runs. */
    default Scan toScan() {
      // Rules first: preparing them checks the options, before jobs() may start reading AWS
      // (an organisation run assumes its roles there).
      List<RuleMetadata> rules = rules();
      return new Scan(jobs(), rules, List::of, this::finish, reads());
    }
  }

  private final Function<NetworkSettings, SecurityGroupPolicy> policy;
  private final Function<Path, Plan> planReader;
  private final BiFunction<ConfigLoader.Loaded, Plan, List<AlarmRequirement>> extraAlarmRequirements;

  /**
   * @param policy the SG policy for the configuration's port settings
   * @param planReader reads a Terraform plan JSON (its rules for drift, its clusters and log
   *     groups for alarms); throws {@link io.deployguard.policy.InputException} when it cannot.
   *     A request's plan is read at most once.
   * @param extraAlarmRequirements alarms required beyond the configuration's, given the
   *     configuration and the request's plan ({@code null} when none)
   */
  public Postdeploy(Function<NetworkSettings, SecurityGroupPolicy> policy,
      Function<Path, Plan> planReader,
      BiFunction<ConfigLoader.Loaded, Plan, List<AlarmRequirement>> extraAlarmRequirements) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.planReader = Objects.requireNonNull(planReader, "planReader");
    this.extraAlarmRequirements = Objects.requireNonNull(extraAlarmRequirements, "extraAlarmRequirements");
  }

  /**
   * The wiring of this build, the one place where it is chosen: the standard SG policy, the plan
   * reader and the extra alarm requirements.
   */
  public static Postdeploy standard() {
    return new Postdeploy(
        SecurityGroupPolicy::standard,
        PlanReader::read,
        PlanAlarms::required);
  }

  /** This wiring with another SG policy (tests judge with a small policy of their own). */
  public Postdeploy withPolicy(Function<NetworkSettings, SecurityGroupPolicy> other) {
    return new Postdeploy(other, planReader, extraAlarmRequirements);
  }

  /**
   * This wiring reading each plan once however many checks it prepares: an organisation run
   * prepares one check per target, all with the request's plan. A plan that cannot be read is
   * tried again, and fails again, by the next check.
   */
  Postdeploy readingEachPlanOnce() {
    Map<Path, Plan> read = new ConcurrentHashMap<>();
    return new Postdeploy(policy, path -> read.computeIfAbsent(path, planReader), extraAlarmRequirements);
  }

  /**
   * Checks the request against {@code config} and prepares its jobs; reads nothing from AWS yet
   * (except the default region when none is given).
   *
   * @throws ConfigException when an option is wrong
   * @throws io.deployguard.policy.InputException when the plan cannot be read
   */
  public Check prepare(Request request, ConfigLoader.Loaded config) {
    Path base = request.baseDir();
    Path planPath = request.plan() == null ? null : base.resolve(request.plan());
    Plan[] read = new Plan[1];
    Supplier<Plan> plan = () -> {
      if (read[0] == null) {
        read[0] = planReader.apply(planPath);
      }
      return read[0];
    };
    List<Check> parts = new ArrayList<>();
    Deadline deadline = Deadline.in(request.aws().timeout());
    if (request.securityGroups() != null) {
      SecurityGroupChecks sg = request.securityGroups();
      parts.add(new SecurityGroupCheck(request.aws(), sg, request.apply(), config, policy,
          planPath == null ? null : () -> plan.get().rules(),
          sg.audit() == null ? null : base.resolve(sg.audit()), request.today(), deadline));
    }
    if (request.alarms() != null) {
      AlarmChecks alarms = request.alarms();
      // Run together with remediation, apply creates alarms only when asked to create them.
      boolean apply = request.apply() && (request.securityGroups() == null || alarms.createMissing());
      parts.add(new RequiredAlarmsCheck(request.aws(), alarms, apply, config,
          extraAlarmRequirements.apply(config, planPath == null ? null : plan.get()), deadline));
    }
    return new ChecksInOrder(parts, planPath == null ? List.of() : List.of(planPath));
  }

  /** The parts of one request, run as one check: their jobs and rules in order, each part finishing in turn. */
  private record ChecksInOrder(List<Check> parts, List<Path> reads) implements Check {
    @Override
    public List<ScanRunner.Job> jobs() {
      List<ScanRunner.Job> jobs = new ArrayList<>();
      parts.forEach(p -> jobs.addAll(p.jobs()));
      return jobs;
    }

    @Override
    public List<RuleMetadata> rules() {
      List<RuleMetadata> rules = new ArrayList<>();
      parts.forEach(p -> rules.addAll(p.rules()));
      return rules;
    }

    @Override
    public ScanResult finish(ScanResult result) {
      ScanResult r = result;
      for (Check p : parts) {
        r = p.finish(r);
      }
      return r;
    }

    @Override
    public void limitRevocations(int max) {
      parts.forEach(p -> p.limitRevocations(max));
    }

    @Override
    public int revocations() {
      return parts.stream().mapToInt(Check::revocations).sum();
    }
  }
}
