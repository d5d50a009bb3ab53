using System;
using System.Threading.Tasks;
using LeakyService;

var upstream = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5080/");
var weather = new WeatherClient(upstream);
for (var i = 0; i < 3; i++)
{
    try
    {
        Console.WriteLine(await weather.GetForecastAsync("Oslo"));
    }
    catch (System.Net.Http.HttpRequestException ex)
    {
        Console.WriteLine("upstream unavailable: " + ex.Message);
    }
}
