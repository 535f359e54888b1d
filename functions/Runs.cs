using KpiPipeline.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KpiPipeline.Functions;

/// <summary>
/// <c>GET /api/runs/{la_code}?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (function key required): the run ledger rows
/// of one LA, oldest first (both bounds optional, inclusive; default the last 92 days).
/// </summary>
public sealed class Runs(RunStatusService runs)
{
    [Function(nameof(Runs))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{la_code}")] HttpRequest request,
        string la_code, CancellationToken ct)
    {
        if (!DropKey.IsValidLaCode(la_code)) return Problems.BadRequest("la_code must be 1-12 letters or digits");
        if (!TryDate(request.Query["from"], out var from)) return Problems.BadRequest("from must be yyyy-MM-dd");
        if (!TryDate(request.Query["to"], out var to)) return Problems.BadRequest("to must be yyyy-MM-dd");
        if (from > to) return Problems.BadRequest("from is after to");

        return new OkObjectResult(await runs.ListAsync(la_code, from, to, ct));
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DropKey.TryParseDate(text, out var d)) return false;
        date = d;
        return true;
    }
}
