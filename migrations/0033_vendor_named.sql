-- The vendor a vendor value names (docs/definitions.md "Vendor attribution": a value equal to a vendor's name,
-- case-insensitive). Names are unique as written, so two vendors may differ only by case ("Acme", "ACME"): the
-- lowest id wins, as the case import has always chosen. One home for the case import's attribution, a deleted
-- mapping's fallback and the review import, whose own join matched such a name twice and so counted one review
-- row twice.
CREATE FUNCTION vendor_named(wanted text) RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT v.id FROM vendors v WHERE lower(v.name) = lower(wanted) ORDER BY v.id LIMIT 1
$$;
