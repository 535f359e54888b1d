using KpiPipeline.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace KpiPipeline.Functions;

/// <summary>
/// <c>POST /api/replay/{la_code}/{date}</c> (function key required): re-runs a day from its raw copy.
/// 200 succeeded · 422 the run failed (reason in the body and the ledger) · 404 no raw copy ·
/// 409 another run holds the day · 400 bad LA code or date.
/// </summary>
public sealed class Replay(ReplayService replay)
{
    [Function(nameof(Replay))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "replay/{la_code}/{date}")] HttpRequest request,
        string la_code, string date, CancellationToken ct)
    {
        if (!DropKey.IsValidLaCode(la_code)) return Problems.BadRequest("la_code must be 1-12 letters or digits");
        if (!DropKey.TryParseDate(date, out var day)) return Problems.BadRequest("date must be yyyy-MM-dd");

        var outcome = await replay.ReplayAsync(la_code, day, ct);
        var body = RunOutcomeBody.From(outcome);
        return outcome.Kind switch
        {
            RunOutcomeKind.Succeeded => new OkObjectResult(body),
            RunOutcomeKind.Failed => new UnprocessableEntityObjectResult(body),
            RunOutcomeKind.NotFound => new NotFoundObjectResult(body),
            RunOutcomeKind.Skipped => new ConflictObjectResult(body),
            _ => new ObjectResult(body) { StatusCode = StatusCodes.Status500InternalServerError },
        };
    }
}
