using KpiPipeline.Kpis;
using KpiPipeline.Kpis.Engine;
using KpiPipeline.Model;
using KpiPipeline.Pipeline;
using KpiPipeline.Tests.TestSupport;

namespace KpiPipeline.Tests.Pipeline;

public sealed class ChildRowStoreTests
{
    private static readonly DateOnly Day = new(2023, 5, 31);

    private static ChildFact Fact(int person, int worker, int team, int manager, Cohort cohort = Cohort.ChildInNeed) =>
        new(person, cohort, new Attribution(worker, team), manager, new DateOnly(2023, 1, 2), null, null, null, null,
            null, null, null, null, null, null, null, null, 0, 1);

    private static IdMap Ids(params string[] ids)
    {
        var map = new IdMap();
        foreach (var id in ids) map.GetOrAdd(id);
        return map;
    }

    [Fact]
    public void Rows_come_sorted_by_person_id_with_each_partitions_codes_turned_into_the_drops_ids()
    {
        // The whole drop: teams T1 (Safeguarding), T2 (Children in care); workers W1 in T1, W2 in T2 managed by W1.
        var whole = new CaseDataBuilder().Team("T1", "Safeguarding").Team("T2", "Children in care")
            .Worker("W1", "T1").Worker("W2", "T2", manager: "W1").Build();
        var org = new Organisation(whole);
        var (t1, t2) = (whole.Teams.Find("T1"), whole.Teams.Find("T2"));
        var (w1, w2) = (whole.Workers.Find("W1"), whole.Workers.Find("W2"));

        var store = new ChildRowStore();
        // Partition 0 knows the drop's codes as its own; partition 1 met W2 and T2 first, so its code 0 is theirs.
        store.Add([Fact(0, w1, t1, IdMap.None), Fact(1, IdMap.None, IdMap.None, IdMap.None, Cohort.CareLeaver)],
            Ids("Z9", "a1"), teamMap: [t1, t2], workerMap: [w1, w2]);
        store.Add([Fact(0, 0, 0, 1, Cohort.ChildProtection)], Ids("Z10"), teamMap: [t2, t1], workerMap: [w2, w1]);

        var rows = store.Rows(org, Day);

        Assert.Equal(3, store.Count);
        Assert.Equal(["Z10", "Z9", "a1"], rows.Select(r => r.PersonId)); // ordinal: digits before letters, capitals first
        var z10 = rows[0];
        Assert.Equal(("W2", "T2", "Children in care", "W1", "CP"), (z10.WorkerId, z10.TeamId, z10.Service, z10.ManagerId, z10.Cohort));
        var z9 = rows[1];
        Assert.Equal(("W1", "T1", "Safeguarding", (string?)null), (z9.WorkerId, z9.TeamId, z9.Service, z9.ManagerId));
        var a1 = rows[2];
        Assert.Equal(((string?)null, (string?)null, (string?)null, "Care leaver"), (a1.WorkerId, a1.TeamId, a1.Service, a1.Cohort));
        Assert.All(rows, r => Assert.Equal((whole.LaCode, Day, 149), (r.LaCode, r.SnapshotDate, r.CohortLengthDays!.Value)));
    }

    [Fact]
    public void An_empty_store_gives_no_rows()
    {
        var whole = new CaseDataBuilder().Build();
        Assert.Empty(new ChildRowStore().Rows(new Organisation(whole), Day));
    }

    [Fact]
    public void Ids_past_a_chunk_and_the_first_text_buffer_are_kept_whole()
    {
        var whole = new CaseDataBuilder().Build();
        var ids = Enumerable.Range(0, 40_000).Select(i => $"person-{i:D7}-{new string('x', i % 13)}").ToArray();
        var store = new ChildRowStore();
        store.Add(ids.Select((_, i) => Fact(i, IdMap.None, IdMap.None, IdMap.None)), Ids(ids), [], []);

        var rows = store.Rows(new Organisation(whole), Day);

        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Select(r => r.PersonId));
    }
}
