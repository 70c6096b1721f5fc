package io.deployguard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deployguard.aws.AuditRecord;
import io.deployguard.aws.AwsClients;
import io.deployguard.aws.AwsScope;
import io.deployguard.aws.DecisionTable;
import io.deployguard.aws.DurationText;
import io.deployguard.aws.org.Account;
import io.deployguard.aws.org.AccountsFile;
import io.deployguard.aws.org.AssumedRole;
import io.deployguard.aws.org.OrganizationAccounts;
import io.deployguard.aws.org.Target;
import io.deployguard.aws.org.TargetSettings;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The post-deploy check over many targets (an account in a region): the single-target check of
 * {@link Postdeploy#prepare} run once per target with the credentials of a role assumed in that
 * account, at most {@code parallel} targets at once, each within its own timeout. Every finding
 * carries {@code account}, {@code account_name} and {@code region} details. A target that cannot
 * be checked (the role cannot be assumed, the region is not enabled, throttling past the retry
 * bound, its timeout) does not stop the others: it is an error of that target (exit 3) or, with
 * {@code allow_target_errors}, a note. The revocation limit holds per target and across the run,
 * targets being decided worst first. The audit record lists every target.
 */
public final class OrganizationRun implements Postdeploy.Check {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Postdeploy postdeploy;
  private final Postdeploy.Request request;
  private final TargetSettings settings;
  private final ConfigLoader.Loaded config;
  private final String runId;
  private final Instant started = Instant.now();
  private final int limit;
  private final Path audit;
  private final Map<Target, Postdeploy.Check> checks = new ConcurrentHashMap<>();
  private final Map<Target, String> failed = new ConcurrentHashMap<>();
  private final Map<String, Target> byInput = new LinkedHashMap<>();
  private List<Target> targets = List.of();
  private StsClient sts;
  private final Map<String, StsAssumeRoleCredentialsProvider> sessions = new ConcurrentHashMap<>();

  /**
   * @throws ConfigException when the target settings cannot be used with the request
   */
  OrganizationRun(Postdeploy postdeploy, Postdeploy.Request request, TargetSettings settings,
      ConfigLoader.Loaded config) {
    // One check per target, each with the request's plan: the plan is read once for them all.
    this.postdeploy = postdeploy.readingEachPlanOnce();
    this.request = request;
    this.settings = settings;
    this.config = config;
    if (request.aws().profile() != null && request.aws().credentials() != null) {
      throw new ConfigException("--profile: give either a profile or credentials, not both");
    }
    this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    Postdeploy.SecurityGroupChecks sg = request.securityGroups();
    this.limit = sg == null ? 0
        : sg.maxRevocations() != null ? sg.maxRevocations() : config.config().remediate().maxRevocations();
    this.audit = sg == null || sg.audit() == null ? null : request.baseDir().resolve(sg.audit());
  }

  /**
   * The check of {@code request} over the targets {@code settings} name; reads nothing from AWS
   * until its jobs are asked for.
   *
   * @throws ConfigException when the settings cannot be used with the request
   */
  public static Postdeploy.Check prepare(Postdeploy postdeploy, Postdeploy.Request request, TargetSettings settings,
      ConfigLoader.Loaded config) {
    return new OrganizationRun(postdeploy, request, settings, config);
  }

  /** The run id in the session name {@code deployguard-RUNID} of every assumed role. */
  String runId() {
    return runId;
  }

  /** Resolves the targets (accounts, then regions), then starts checking them all. */
  @Override
  public List<ScanRunner.Job> jobs() {
    AwsClients own = request.aws().clients();
    String home = request.aws().regions(config.config().remediate().regions()).get(0);
    List<Account> accounts = accounts(own, home);
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
      Thread t = new Thread(r, "deployguard-target");
      t.setDaemon(true);
      return t;
    });
    StsClient sts = own.sts(home);
    this.sts = sts;
    List<Target> all = new ArrayList<>();
    List<Future<List<Target>>> regionLookups = new ArrayList<>();
    for (Account a : accounts) {
      regionLookups.add(pool.submit(() -> regions(own, sts, a, home)));
    }
    for (int i = 0; i < accounts.size(); i++) {
      Account a = accounts.get(i);
      try {
        all.addAll(regionLookups.get(i).get());
      } catch (ExecutionException e) {
        Target t = new Target(a, "all-regions");
        failed.put(t, reason(e.getCause()));
        all.add(t);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while listing regions", e);
      }
    }
    this.targets = List.copyOf(all);
    targets.forEach(t -> byInput.put(t.input(), t));
    Map<Target, Future<List<Finding>>> running = new LinkedHashMap<>();
    for (Target t : targets) {
      if (!failed.containsKey(t)) {
        running.put(t, pool.submit(() -> check(own, sts, t)));
      }
    }
    pool.shutdown();
    Duration wait = settings.targetTimeoutDuration().plusSeconds(5);
    Instant runEnd = started.plus(request.aws().timeout());
    List<ScanRunner.Job> jobs = new ArrayList<>();
    for (Map.Entry<Target, Future<List<Finding>>> e : running.entrySet()) {
      Target t = e.getKey();
      jobs.add(new ScanRunner.Job(t.input(), () -> {
        try {
          Instant until = Instant.now().plus(wait);
          long ms = Math.max(1, Duration.between(Instant.now(), until.isBefore(runEnd) ? until : runEnd).toMillis());
          return e.getValue().get(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException x) {
          e.getValue().cancel(true);
          failed.put(t, "did not finish within " + DurationText.format(settings.targetTimeoutDuration()));
          return List.of();
        } catch (ExecutionException x) {
          failed.put(t, reason(x.getCause()));
          checks.remove(t);
          return List.of();
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          failed.put(t, "interrupted");
          return List.of();
        }
      }));
    }
    return jobs;
  }

  private List<Account> accounts(AwsClients own, String home) {
    String role = settings.orgRole();
    if (settings.accounts() != null) {
      List<Account> listed = AccountsFile.read(request.baseDir().resolve(settings.accounts()), role,
          settings.externalId());
      return settings.exclude().isEmpty() ? listed
          : OrganizationAccounts.without(listed, settings.exclude(), "--accounts " + settings.accounts());
    }
    try (OrganizationsClient org = own.organizations(home)) {
      return OrganizationAccounts.list(org, role, settings.externalId(), settings.exclude());
    } catch (SdkException e) {
      throw AwsFailures.of("organizations", e, "examples/lambda/organization/management-policy.json");
    }
  }

  /** The targets of one account: its own regions, else the run's, else its enabled regions. */
  private List<Target> regions(AwsClients own, StsClient sts, Account a, String home) {
    List<String> names = a.allRegions() ? null
        : !a.regions().isEmpty() ? a.regions()
        : settings.allRegions() ? null
        : !settings.regions().isEmpty() ? settings.regions()
        : request.aws().regions(config.config().remediate().regions());
    if (names == null) {
      StsAssumeRoleCredentialsProvider creds = session(sts, a, home);
      String partition = new AwsScope(home, a.id()).partition();
      try (Ec2Client ec2 = own.withCredentials(creds).ec2(home)) {
        names = ec2.describeRegions(DescribeRegionsRequest.builder().allRegions(false).build()).regions().stream()
            .filter(r -> r.optInStatus() == null || !r.optInStatus().equals("not-opted-in"))
            // Credentials hold in one partition; an emulator may list the others' regions too.
            .filter(r -> new AwsScope(r.regionName(), a.id()).partition().equals(partition))
            .map(Region::regionName).sorted().toList();
      } catch (SdkException e) {
        throw AwsFailures.of(new Target(a, home).input(), e, "examples/lambda/organization/member-role-policy.json");
      }
    }
    return names.stream().map(r -> new Target(a, r)).toList();
  }

  /** One role session per account, shared by its regions; closed when the run finishes. */
  private StsAssumeRoleCredentialsProvider session(StsClient sts, Account a, String region) {
    return sessions.computeIfAbsent(a.id(), id -> AssumedRole.provider(sts, a.roleArn(region), a.externalId(), runId));
  }

  /** One target, on a pool thread: assume the role, then the single-target check's jobs. */
  private List<Finding> check(AwsClients own, StsClient sts, Target t) {
    Account a = t.account();
    StsAssumeRoleCredentialsProvider creds = session(sts, a, t.region());
    try {
      creds.resolveCredentials();
    } catch (SdkException e) {
      InputException x = AwsFailures.of(t.input(), e, "examples/lambda/organization/member-role-policy.json");
      throw new InputException(t.input(), "AssumeRole", "cannot assume " + a.roleArn(t.region()) + ": "
          + x.problem(), "check that the role exists in " + t.label()
          + " and that its trust policy names the account this run is in");
    }
    Postdeploy.Aws aws = new Postdeploy.Aws(List.of(t.region()), null, request.aws().endpoint(), creds,
        settings.targetTimeoutDuration());
    Postdeploy.SecurityGroupChecks sg = request.securityGroups();
    Postdeploy.SecurityGroupChecks own2 = sg == null ? null : sg.with(limit, audit == null ? null : targetAudit(t));
    Postdeploy.Check check = postdeploy.prepare(new Postdeploy.Request(request.baseDir(), aws, request.apply(),
        own2, request.alarms(), request.plan(), request.today()), config);
    List<Finding> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (ScanRunner.Job j : check.jobs()) {
      try {
        out.addAll(j.scan().scan());
      } catch (InputException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(t.input(), "", String.join("; ", errors), "see the audit record");
    }
    checks.put(t, check);
    return out.stream().map(f -> withTarget(f, t)).toList();
  }

  private Path targetAudit(Target t) {
    return audit.resolveSibling(audit.getFileName() + ".d").resolve(t.account().id() + "-" + t.region() + ".json");
  }

  private static Finding withTarget(Finding f, Target t) {
    Map<String, String> d = new HashMap<>(f.details());
    d.put("account", t.account().id());
    d.put("account_name", t.account().name());
    d.put("region", t.region());
    // Inputs named by region alone (cloudwatch://REGION) get the account too, one report section per target.
    Location at = f.location();
    String suffix = "/" + t.account().id();
    if (!at.input().endsWith(suffix) && at.input().endsWith("://" + t.region())) {
      at = new Location(at.input() + suffix, at.line(), at.pointer());
    }
    return new Finding(f.ruleId(), f.title(), f.severity(), f.resource(), f.message(), at, f.fix(),
        f.key(), d, f.suppression());
  }

  private static String reason(Throwable e) {
    if (e instanceof InputException x) {
      return x.problem();
    }
    return e instanceof SdkException s ? AwsFailures.of("", s).problem() : "internal error: " + e;
  }

  /** The request's plan and the accounts file, when given. */
  @Override
  public List<Path> reads() {
    List<Path> files = new ArrayList<>();
    if (request.plan() != null) {
      files.add(request.baseDir().resolve(request.plan()));
    }
    if (settings.accounts() != null) {
      files.add(request.baseDir().resolve(settings.accounts()));
    }
    return files;
  }

  @Override
  public List<RuleMetadata> rules() {
    // The rules of a single-target check; without an audit path, so that preparing it writes nothing.
    Postdeploy.SecurityGroupChecks sg = request.securityGroups();
    Postdeploy.SecurityGroupChecks noAudit = sg == null ? null : sg.with(sg.maxRevocations(), null);
    return postdeploy.prepare(new Postdeploy.Request(request.baseDir(), request.aws(), request.apply(), noAudit,
        request.alarms(), request.plan(), request.today()), config).rules();
  }

  /**
   * Each target's own finish (decide, act, notes), worst target first so that the run-wide limit
   * revokes the worst rules; then the failed targets and the audit record of the whole run.
   */
  @Override
  public ScanResult finish(ScanResult result) {
    Map<String, Severity> worst = new HashMap<>();
    for (Finding f : result.findings()) {
      worst.merge(f.location().input(), f.severity(), (x, y) -> x.atLeast(y) ? x : y);
    }
    List<Target> done = checks.keySet().stream().filter(t -> !failed.containsKey(t))
        .sorted(Comparator.comparing((Target t) -> worst.getOrDefault(t.input(), Severity.INFO).ordinal())
            .reversed().thenComparing(Target::input))
        .toList();
    sessions.values().forEach(StsAssumeRoleCredentialsProvider::close);
    if (sts != null) {
      sts.close();
    }
    Map<String, Integer> share = shares(result);
    ScanResult r = result;
    int used = 0;
    for (Target t : done) {
      Postdeploy.Check c = checks.get(t);
      c.limitRevocations(Math.min(share.getOrDefault(t.input(), 0), Math.max(0, limit - used)));
      r = c.finish(r);
      used += c.revocations();
    }
    List<ScanError> errors = new ArrayList<>(r.errors());
    // One audit record for the run, not one note per target's own file.
    List<ScanResult.Note> notes = new ArrayList<>(r.notes().stream()
        .filter(n -> audit == null || !n.title().equals("audit record")).toList());
    List<String> inputs = new ArrayList<>(r.inputs());
    List<String> failures = new ArrayList<>();
    for (Target t : targets) {
      String why = failed.get(t);
      if (why == null) {
        continue;
      }
      if (!inputs.contains(t.input())) {
        inputs.add(t.input());
      }
      failures.add(t.label() + ": " + why);
      if (!settings.allowTargetErrors()) {
        errors.add(new ScanError(t.input(), "", t.label() + " could not be checked: " + why,
            "fix the access and run again, or give --allow-target-errors to pass without it"));
      }
    }
    notes.add(new ScanResult.Note("targets", targetsLine(done.size(), failures.size(), used)));
    if (!failures.isEmpty() && settings.allowTargetErrors()) {
      notes.add(new ScanResult.Note("targets not checked (--allow-target-errors)", String.join("\n", failures)));
    }
    if (audit != null) {
      try {
        writeAudit();
        notes.add(new ScanResult.Note("audit record", audit.toString()));
      } catch (IOException | RuntimeException e) {
        errors.add(new ScanError(audit.toString(), "", "cannot write the audit record: " + e.getMessage(),
            "check that the folder is writable"));
      }
    }
    List<Finding> findings = r.findings();
    return new ScanResult(r.toolVersion(), inputs, r.rules(), findings, errors, r.failOn(), notes);
  }

  /**
   * How many of the run's {@code limit} revocations each target gets: the worst violating rules
   * of the whole run (severity, then target and rule id) up to the limit, counted per target.
   * An exempt rule among them uses its share unspent, so the run never revokes more than the limit.
   */
  private Map<String, Integer> shares(ScanResult result) {
    Severity revokeAt = config.config().remediate().revokeAtSeverity();
    Map<String, Severity> rules = new HashMap<>();
    for (Finding f : result.findings()) {
      // The same grounds as the decision table's: a baselined finding still counts, drift and REM do not.
      if (DecisionTable.counts(f) && f.severity().atLeast(revokeAt) && f.resource().startsWith("sgr-")
          && byInput.containsKey(f.location().input()) && !DecisionTable.NOT_GROUNDS.contains(f.ruleId())) {
        rules.merge(f.location().input() + " " + f.resource(), f.severity(), (x, y) -> x.atLeast(y) ? x : y);
      }
    }
    Map<String, Integer> share = new HashMap<>();
    rules.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Severity> e) -> e.getValue().ordinal()).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .forEach(e -> share.merge(e.getKey().substring(0, e.getKey().indexOf(' ')), 1, Integer::sum));
    return share;
  }

  private String targetsLine(int ok, int bad, int revocations) {
    long accounts = targets.stream().map(t -> t.account().id()).distinct().count();
    return targets.size() + " targets (" + accounts + " accounts), " + ok + " checked, " + bad + " not checked; run "
        + runId + "; " + revocations + (request.apply() ? " revoked" : " would be revoked") + " (limit " + limit
        + " per target and per run)";
  }

  /** One record for the run: every target with its outcome and the single-target record's runs. */
  private void writeAudit() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("tool", "deployguard " + Version.get());
    root.put("run_id", runId);
    root.put("session_name", AssumedRole.sessionName(runId));
    root.put("started", started.toString());
    root.put("time", Instant.now().toString());
    root.put("mode", request.apply() ? "apply" : "dry-run");
    root.put("max_revocations", limit);
    ArrayNode list = root.putArray("targets");
    for (Target t : targets) {
      ObjectNode n = list.addObject();
      n.put("account", t.account().id());
      n.put("account_name", t.account().name());
      n.put("region", t.region());
      n.put("role", t.account().roleArn(t.region()));
      String why = failed.get(t);
      n.put("status", why == null ? "checked" : "failed");
      n.put("error", why);
      Path own = targetAudit(t);
      if (why == null && Files.exists(own)) {
        n.set("record", JSON.readTree(own.toFile()));
      }
    }
    AuditRecord.writeJson(audit, root);
  }
}
