using System.Text;
using KpiPipeline.Extract;
using P = KpiPipeline.Synthetic.Calibration;

namespace KpiPipeline.Synthetic;

/// <summary>
/// Writes a complete synthetic drop (every table of extract-contract.md plus manifest.json, written
/// last) for a fictional LA sized like the seed's Sefton at scale 1. Children are simulated and
/// written one at a time into per-table buffered writers, so memory stays flat at any scale; each
/// file is hashed as it is written. No wall clock and no shared random source are used: the same
/// options give byte-identical files.
/// </summary>
public static class SyntheticDropGenerator
{
    /// <summary>Years of history the extract covers (records open at, or dated after, the window start).</summary>
    public const int HistoryYears = 6;

    /// <summary>Children start arriving this many years before the window so that care and leaving-care histories are in steady state.</summary>
    private const int BurnInYears = 26;

    public static GeneratorResult Generate(GeneratorOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (string.IsNullOrWhiteSpace(o.LaCode)) throw new ArgumentException("LaCode is required", nameof(o));
        if (!(o.Scale > 0) || double.IsInfinity(o.Scale)) throw new ArgumentOutOfRangeException(nameof(o), o.Scale, "Scale must be a positive number");
        if (string.IsNullOrWhiteSpace(o.OutDir)) throw new ArgumentException("OutDir is required", nameof(o));

        var folder = Path.GetFullPath(o.OutDir);
        Directory.CreateDirectory(folder);
        // A stale manifest would mark a half-rewritten folder as a complete drop.
        var manifestPath = Path.Combine(folder, DropManifest.FileName);
        if (File.Exists(manifestPath)) File.Delete(manifestPath);

        var asOf = o.AsOf.DayNumber;
        var windowStart = o.AsOf.AddYears(-HistoryYears).DayNumber;
        var spanStart = o.AsOf.AddYears(-HistoryYears - BurnInYears).DayNumber;
        var calendar = GeneratorCalendar.Load(spanStart - 400, asOf + 4 * 366);
        var dropSeed = DropSeed(o);
        var children = Math.Max(1L, (long)Math.Round(P.NewChildrenPerYear * o.Scale * (asOf - spanStart + 1) / 365.25));

        var workforce = new Workforce(o.LaCode, o.Scale, Prng.ForStream(dropSeed, ulong.MaxValue));
        using (var output = new DropWriter(folder))
        {
            WriteDepartments(output[Table.Department], workforce);
            WriteProfessionals(output[Table.Professionals], workforce);
            WriteWorkforce(output[Table.Workforce], workforce, calendar, o.AsOf, Prng.ForStream(dropSeed, ulong.MaxValue - 1));

            var simulator = new ChildSimulator(calendar, asOf, windowStart, spanStart, children);
            // Records from before the window's first year carry ids migrated from a legacy system (two leading zeros).
            var emitter = new ChildEmitter(output, workforce, calendar, asOf, windowStart, legacyIdsBefore: windowStart + 365);
            // One thread, one recycled arena: a two-thread simulate/write pipeline was measured slower
            // (cache misses across batches of arenas outweighed the second core).
            var arena = new ChildArena();
            var rng = new Prng(0);
            for (long i = 0; i < children; i++)
            {
                rng.Restart(dropSeed, (ulong)i);
                var child = simulator.Simulate(i, rng, arena);
                if (child is not null) emitter.Emit(child, rng);
            }
            output.FinishAll();

            var manifest = output.Manifest(o.LaCode, o.AsOf);
            var json = Encoding.UTF8.GetBytes(manifest.ToJson());
            var temp = manifestPath + ".tmp";
            File.WriteAllBytes(temp, json);
            File.Move(temp, manifestPath, overwrite: true);
            return new GeneratorResult(folder, output.RowsByTable(), output.Bytes + json.Length);
        }
    }

    /// <summary>The drop's root seed from (LA code, extract date, seed): a stable FNV-1a hash, never string.GetHashCode (randomised per process).</summary>
    private static ulong DropSeed(GeneratorOptions o)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in $"{o.LaCode}|{o.AsOf.DayNumber}|{o.Seed}")
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return h;
    }

    private static void WriteDepartments(CsvTableWriter w, Workforce workforce)
    {
        foreach (var team in workforce.Teams)
        {
            w.Text(team.Id);
            w.Text(team.Name);
            w.Text(team.Service.Id);
            w.Text(team.Service.Name);
            w.EndRow();
        }
    }

    private static void WriteProfessionals(CsvTableWriter w, Workforce workforce)
    {
        foreach (var p in workforce.Workers)
        {
            w.Num(p.Id);
            w.Text(p.StaffId);
            w.Text(p.Name);
            w.Text(p.RegistrationNo);
            w.YesNo(p.Agency);
            w.Text(p.JobTitle);
            w.Text(p.Team.Id);
            w.Fixed(p.Fte, 2);
            w.Text(p.Email);
            w.Num(p.Manager?.Id);
            w.EndRow();
        }
    }

    /// <summary>Monthly staffing per team over the history: establishment, employed, agency and vacant FTE, sickness days.</summary>
    private static void WriteWorkforce(CsvTableWriter w, Workforce workforce, GeneratorCalendar calendar, DateOnly asOf, Prng rng)
    {
        var first = new DateOnly(asOf.Year, asOf.Month, 1).AddYears(-HistoryYears);
        var last = new DateOnly(asOf.Year, asOf.Month, 1);
        foreach (var team in workforce.Teams)
        {
            var establishment = team.Current.Sum(x => x.Fte) + 1.0; // case holders plus the team manager
            var agencyHeavy = team.Service.AgencyShare >= 0.5;
            for (var month = first; month <= last; month = month.AddMonths(1))
            {
                var next = month.AddMonths(1).DayNumber;
                var workingDays = calendar.Between(month.DayNumber - 1, next - 1);
                var vacancy = establishment * Math.Clamp(P.VacancyRate + (agencyHeavy ? 0.08 : 0) + rng.Uniform(-0.05, 0.05), 0.02, 0.6);
                var employed = establishment - vacancy;
                var agencyRate = Math.Clamp(P.AgencyRate + (agencyHeavy ? 0.2 : 0) + rng.Uniform(-0.05, 0.05), 0.02, 0.8);
                var agency = employed * agencyRate / (1 - agencyRate);
                var sickness = employed * workingDays * P.SicknessRate * rng.Uniform(0.6, 1.4);
                w.Text(team.Id);
                w.Date(month.DayNumber);
                w.Fixed(establishment, 1);
                w.Fixed(employed, 1);
                w.Fixed(agency, 1);
                w.Fixed(vacancy, 1);
                w.Fixed(sickness, 1);
                w.Num(workingDays);
                w.EndRow();
            }
        }
    }
}
