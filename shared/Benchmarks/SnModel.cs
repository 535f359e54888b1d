namespace KpiPipeline.Benchmarks;

/// <summary>The DfE statistical-neighbour models the reference pack carries.</summary>
public enum SnModel
{
    /// <summary>The April 2021 model (DfE's "April2021_LGR" list, updated for local government reorganisation).</summary>
    April2021,

    /// <summary>The May 2025 model, published 2025-05-28.</summary>
    May2025,
}

/// <summary>Parsing, naming and "which model was in force" rules for <see cref="SnModel"/>.</summary>
public static class SnModels
{
    /// <summary>The day DfE published the May 2025 model; before it the April 2021 model was the one in use.</summary>
    public static readonly DateOnly May2025PublishedOn = new(2025, 5, 28);

    /// <summary>The model a reader would have found on DfE's site on day <paramref name="asAt"/>.</summary>
    public static SnModel InForceAt(DateOnly asAt) => asAt >= May2025PublishedOn ? SnModel.May2025 : SnModel.April2021;

    /// <summary>The option / lake spelling: <c>april2021</c> or <c>may2025</c>.</summary>
    public static string ToOptionValue(this SnModel model) => model switch
    {
        SnModel.April2021 => "april2021",
        SnModel.May2025 => "may2025",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown SN model"),
    };

    /// <summary>Parses the option spelling (<c>april2021</c>, <c>may2025</c>, any case).</summary>
    public static SnModel Parse(string text) =>
        TryParse(text, out var model)
            ? model
            : throw new FormatException($"Unknown statistical-neighbour model '{text}': expected april2021 or may2025");

    public static bool TryParse(string? text, out SnModel model)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "april2021": model = SnModel.April2021; return true;
            case "may2025": model = SnModel.May2025; return true;
            default: model = default; return false;
        }
    }

    /// <summary>Maps the <c>model</c> column of DfE's sn_lists_long.csv onto the enum (null when unknown).</summary>
    internal static SnModel? FromSourceName(string sourceName) => sourceName switch
    {
        "April2021_LGR" => SnModel.April2021,
        "May2025" => SnModel.May2025,
        _ => null,
    };
}
