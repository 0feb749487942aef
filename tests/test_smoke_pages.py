def test_measure_and_radar_render_in_german_and_english(client, measure, english):
    from tests.builders import translate

    english_measure = translate(measure, english)
    assert client.get("/de/radar/").status_code == 200
    response = client.get(measure.url)
    assert response.status_code == 200, response.content[:2000]
    assert "Bürger-ID" in response.content.decode()
    response = client.get(english_measure.url)
    assert response.status_code == 200
    assert english_measure.url.startswith("/en/")
