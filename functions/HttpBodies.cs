using System.Text.Json.Serialization;
using KpiPipeline.Pipeline;
using KpiPipeline.Storage;
using Microsoft.AspNetCore.Mvc;

namespace KpiPipeline.Functions;

/// <summary>The JSON an HTTP function returns about a run: what happened and the day's ledger row after it.</summary>
public sealed record RunOutcomeBody(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("la_code")] string? LaCode,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("run_id")] string? RunId,
    [property: JsonPropertyName("ledger")] RunLedgerEntry? Ledger)
{
    public static RunOutcomeBody From(RunOutcome o) => new(
        o.Kind.ToString().ToLowerInvariant(), o.Key?.LaCode, o.Key?.DateText, o.Reason, o.Result?.RunId ?? o.Ledger?.LastRunId, o.Ledger);
}

/// <summary>RFC 7807 problem bodies for rejected requests.</summary>
internal static class Problems
{
    public static BadRequestObjectResult BadRequest(string detail) =>
        new(new ProblemDetails { Status = 400, Title = "Bad request", Detail = detail });
}
