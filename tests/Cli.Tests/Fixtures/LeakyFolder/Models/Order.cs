using System;
using System.Collections.Generic;
using System.Linq;

namespace Fixture.Models;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record Order(Guid Id, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total => Lines.Sum(line => line.Quantity * line.UnitPrice);
}
