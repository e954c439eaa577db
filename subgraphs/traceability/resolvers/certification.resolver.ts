import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { calendarDateArgument, todayInVietnam } from '../../../platform/graphql/dates';
import { Certification } from '../entities/certification';
import { Household } from '../entities/references';

@Resolver(() => Certification)
export class CertificationResolver {
  @FieldResolver(() => Household, { nullable: true, description: 'The certified household.' })
  holder(@Root() certification: Certification): Household | null {
    return certification.householdId ? { id: certification.householdId } : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the certificate is valid on a day (YYYY-MM-DD; today in Vietnam if omitted); false while its dates are unknown.' })
  isValid(
    @Root() certification: Certification,
    @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD' }) on?: string | null,
  ): boolean {
    return certification.isValidOn(on ? calendarDateArgument(on, 'on') : todayInVietnam());
  }
}
