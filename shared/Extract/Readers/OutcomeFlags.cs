using System.Text;
using System.Text.Json;

namespace KpiPipeline.Extract.Readers;

/// <summary>
/// Finds the "no further action" flag in an SSD outcome JSON field. Extracts differ: the SSD's SQL Server
/// script writes <c>{"NFA_FLAG":"Y",...}</c> (FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), others keep the array
/// wrapper <c>[{...}]</c>, nest the flags (<c>{"outcomes":{...}}</c>), name it OUTCOME_NFA_FLAG, or write JSON
/// booleans or 1/0. The first property named NFA_FLAG or OUTCOME_NFA_FLAG (any case, any depth) is used.
/// Parsed from UTF-8 on the stack: no strings are allocated for the usual short field.
/// </summary>
internal static class OutcomeFlags
{
    private const int StackLimit = 2048;

    /// <summary>False when the text is not valid JSON. <paramref name="nfa"/> is null when no flag (or a blank one) is present.</summary>
    public static bool TryGetNfa(ReadOnlySpan<char> json, out bool? nfa)
    {
        nfa = null;
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        var rented = max > StackLimit ? new byte[max] : null;
        Span<byte> utf8 = rented ?? stackalloc byte[max];
        var length = Encoding.UTF8.GetBytes(json, utf8);
        try
        {
            var reader = new Utf8JsonReader(utf8[..length], new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var found = false;
            while (reader.Read())
            {
                if (found || reader.TokenType != JsonTokenType.PropertyName || !IsNfaName(reader)) continue;
                if (!reader.Read()) return false;
                nfa = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Number => reader.TryGetInt32(out var n) ? n != 0 : null,
                    JsonTokenType.String => ParseFlag(reader),
                    _ => null,
                };
                found = true; // keep reading: the whole field must be valid JSON
            }
            return true;
        }
        catch (JsonException)
        {
            nfa = null;
            return false;
        }
    }

    private static bool IsNfaName(in Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return false;
        var name = reader.ValueSpan;
        return Ascii.EqualsIgnoreCase(name, "NFA_FLAG"u8) || Ascii.EqualsIgnoreCase(name, "OUTCOME_NFA_FLAG"u8);
    }

    private static bool? ParseFlag(in Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return null;
        Span<char> chars = stackalloc char[8];
        var bytes = reader.ValueSpan;
        if (bytes.Length > chars.Length || !Ascii.IsValid(bytes)) return null;
        var n = Encoding.ASCII.GetChars(bytes, chars);
        return Csv.CsvValues.TryParseBool(chars[..n].Trim(), out var b) ? b : null;
    }
}
