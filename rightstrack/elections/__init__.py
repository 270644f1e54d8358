"""Human Rights Council elections: who ran, who sat, and what RightsTrack's own data says of them."""
