namespace KpiPipeline.Extract.Partitioning;

/// <summary>
/// Which of a split table's columns its slices keep: only those its reader maps. A national drop's child tables carry
/// ~30% of their bytes in columns no reader uses (ssd_contacts' outcome JSON alone is half that table), and every byte
/// kept is compressed, written, read back, decompressed and parsed again; a column left out costs only the scan that
/// finds its bounds. (The original file, every column of it, goes to the raw zone as it is.)
/// <para>A row of the wrong shape (a field count other than the header's) is kept whole, behind a <c>~</c> on its
/// source row, so its reader reports it exactly as an unsplit read would: its fields are not where the header says,
/// so they cannot be picked out.</para>
/// </summary>
/// <param name="SourceFields">For each slice field after <c>_source_row</c>, its field index in the original file (ascending).</param>
/// <param name="SourceFieldCount">Fields in the original header.</param>
internal sealed record SliceProjection(int[] SourceFields, int SourceFieldCount)
{
    /// <summary>Marks, before its source row, a row kept whole because its shape is wrong.</summary>
    public const byte WholeRowMark = (byte)'~';

    /// <summary>The projection keeping the mapped columns (<paramref name="map"/>: spec column → header field, −1 absent);
    /// null when every column is mapped (the rows are then written as they are).</summary>
    public static SliceProjection? Keeping(int[] map, int headerFields)
    {
        var kept = map.Where(f => f >= 0).Distinct().Order().ToArray();
        return kept.Length == headerFields ? null : new SliceProjection(kept, headerFields);
    }

    /// <summary>Where slice field <paramref name="sliceField"/> (counting <c>_source_row</c> as 0) is in a row kept whole: the
    /// same column in the original layout, after the source row. Negative stays negative (a column the file lacks).</summary>
    public int InWholeRow(int sliceField) => sliceField <= 0 ? sliceField : 1 + SourceFields[sliceField - 1];

    /// <summary>Writes the kept fields of the scanner's current record, comma-separated, into <paramref name="buffer"/>
    /// (grown when needed); returns the bytes written. The scanner must count fields up to the last kept one.</summary>
    public int Project(CsvRecordScanner scanner, ref byte[] buffer)
    {
        var used = 0;
        for (var k = 0; k < SourceFields.Length; k++)
        {
            var field = scanner.RawField(SourceFields[k]);
            if (buffer.Length - used < field.Length + 1) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + field.Length + 1));
            if (k > 0) buffer[used++] = (byte)',';
            field.CopyTo(buffer.AsSpan(used));
            used += field.Length;
        }
        return used;
    }
}
